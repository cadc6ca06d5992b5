import { post } from './support/aliyun-test-env';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const VIDEO = { title: 'Lifecycle', fileName: 'clip.mp4' };

/** The upload records as their owner meets them: read, list, revoke (real app, Redis, emulator). */
describe('Upload records (GET, list, revoke)', () => {
  let cloud: TestCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: { ...cloud.env, TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD: '3' } });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  const get = async (path: string, user = 'alice') => {
    const response = await fetch(`${sut.url}${path}`, { headers: sut.bearer(user) });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const revoke = (uploadId: string, user = 'alice') =>
    fetch(`${sut.url}/v1/uploads/${uploadId}`, { method: 'DELETE', headers: sut.bearer(user) });
  const video = async (user = 'alice') => (await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer(user))).body;

  it('shows the owner an issued upload with its provider id; anyone else, and unknown ids, get the same 404', async () => {
    const created = await video();
    const own = await get(`/v1/uploads/${created.uploadId}`);
    expect(own).toEqual({
      status: 200,
      body: {
        uploadId: created.uploadId,
        provider: 'aliyun-vod',
        kind: 'aliyun-vod-video',
        status: 'issued',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        updatedAt: expect.any(String),
        videoId: created.videoId,
      },
    });
    const foreign = await get(`/v1/uploads/${created.uploadId}`, 'mallory');
    const unknown = await get('/v1/uploads/upl_AAAAAAAAAAAAAAAAAAAAAA', 'mallory');
    const malformed = await get('/v1/uploads/not-an-id', 'mallory');
    for (const answer of [foreign, unknown, malformed]) expect(answer.status).toBe(404);
    const { requestId: _a, ...foreignBody } = foreign.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(foreignBody).toEqual(unknownBody);
    expect((await fetch(`${sut.url}/v1/uploads/${created.uploadId}`)).status).toBe(401);
  });

  it('lists newest first, pages with an opaque cursor, and filters by status and provider', async () => {
    const user = 'lister';
    const videos = [await video(user), await video(user), await video(user)];
    const tencent = (await (await tencentVodApi(sut).apply(user)).json()) as { uploadId: string };
    const expected = [tencent.uploadId, ...videos.map((item) => item.uploadId).reverse()];

    const first = await get('/v1/uploads?limit=2', user);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { uploadId: string }) => item.uploadId)).toEqual(expected.slice(0, 2));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/v1/uploads?limit=2&cursor=${first.body.nextCursor}`, user);
    expect(second.body.items.map((item: { uploadId: string }) => item.uploadId)).toEqual(expected.slice(2, 4));
    expect(second.body.nextCursor).toBeNull();

    const onlyTencent = await get('/v1/uploads?provider=tencent-vod', user);
    expect(onlyTencent.body.items.map((item: { uploadId: string }) => item.uploadId)).toEqual([tencent.uploadId]);
    await revoke(videos[0].uploadId, user);
    const revoked = await get('/v1/uploads?status=revoked', user);
    expect(revoked.body).toEqual({
      items: [expect.objectContaining({ uploadId: videos[0].uploadId, status: 'revoked' })],
      nextCursor: null,
    });
    expect((await get('/v1/uploads', 'someone-else')).body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=two', 'limit'],
    ['status=lost', 'status'],
    ['provider=aws', 'provider'],
    ['cursor=not*a*cursor', 'cursor'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['color=blue', 'color'],
  ])('refuses the query %s with a 400 naming %s', async (query, field) => {
    const answer = await get(`/v1/uploads?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('revokes: 204, again 204; refresh then answers 410 UPLOAD_REVOKED and calls nobody', async () => {
    const created = await video();
    expect((await revoke(created.uploadId)).status).toBe(204);
    expect((await revoke(created.uploadId)).status).toBe(204);
    expect((await get(`/v1/uploads/${created.uploadId}`)).body.status).toBe('revoked');
    const before = cloud.emulator.server.calls('aliyun-vod', 'RefreshUploadVideo');
    const refresh = await post(`${sut.url}/v1/uploads/aliyun-vod/videos/${created.videoId}/refresh`, undefined, sut.bearer('alice'));
    expect(refresh.status).toBe(410);
    expect(refresh.body).toMatchObject({ code: 'UPLOAD_REVOKED' });
    expect(cloud.emulator.server.calls('aliyun-vod', 'RefreshUploadVideo')).toBe(before);
    expect((await revoke(created.uploadId, 'mallory')).status).toBe(404);
  });

  it('refuses to revoke a committed upload (409 UPLOAD_COMPLETED); a revoked one cannot be committed (410)', async () => {
    const api = tencentVodApi(sut);
    const committed = (await (await api.apply('alice')).json()) as { uploadId: string };
    expect((await api.commit('alice', committed.uploadId)).status).toBe(200);
    expect((await get(`/v1/uploads/${committed.uploadId}`)).body).toMatchObject({ status: 'uploaded', fileId: expect.any(String) });
    const refused = await revoke(committed.uploadId);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'UPLOAD_COMPLETED' });

    const other = (await (await api.apply('alice')).json()) as { uploadId: string };
    expect((await revoke(other.uploadId)).status).toBe(204);
    const commit = await api.commit('alice', other.uploadId);
    expect(commit.status).toBe(410);
    expect(await commit.json()).toMatchObject({ code: 'UPLOAD_REVOKED' });
  });

  it('gives a signature session three signatures for one quota unit, each different, and ignores Idempotency-Key', async () => {
    const api = tencentVodApi(sut);
    const user = 'signer';
    const first = await api.sign(user);
    const { uploadId, signature } = (await first.json()) as { uploadId: string; signature: string };
    const more = [await api.sign(user, { uploadId }), await api.sign(user, { uploadId })];
    const signatures = [
      signature,
      ...(await Promise.all(more.map(async (response) => ((await response.json()) as { signature: string }).signature))),
    ];
    expect(new Set(signatures).size).toBe(3);
    expect((await api.sign(user, { uploadId })).status).toBe(409);
    expect((await get('/v1/uploads', user)).body.items).toHaveLength(1);

    const replayed = [
      await api.sign(user, undefined),
      await fetch(`${sut.url}/v1/uploads/tencent-vod/signatures`, {
        method: 'POST',
        headers: { ...sut.bearer(user), 'idempotency-key': 'same-key' },
      }),
      await fetch(`${sut.url}/v1/uploads/tencent-vod/signatures`, {
        method: 'POST',
        headers: { ...sut.bearer(user), 'idempotency-key': 'same-key' },
      }),
    ];
    const bodies = (await Promise.all(replayed.map((response) => response.json()))) as { uploadId: string; signature: string }[];
    expect(replayed.map((response) => response.headers.get('idempotent-replayed'))).toEqual([null, null, null]);
    expect(new Set(bodies.map((body) => body.signature)).size).toBe(3);
    expect(new Set(bodies.map((body) => body.uploadId)).size).toBe(3);
  });
});
