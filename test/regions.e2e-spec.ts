import { randomBytes } from 'node:crypto';
import { post } from './support/aliyun-test-env';
import { decodeUploadSignature, tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const VIDEO = { title: 'Regions', fileName: 'clip.mp4' };

/**
 * Region profiles (REGIONS=cn,intl) chosen by the token's region claim: the default profile without a
 * claim, 403 REGION_NOT_ALLOWED before any upstream call for an unknown profile or a profile where the
 * route's provider is not configured (Tencent is off in intl here), and the profile on the record.
 */
describe('Region profiles (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  /** Before REGIONS: the same records (one key prefix), an app without profiles. */
  let before: TestApp;
  const shared = { REDIS_KEY_PREFIX: `regions${randomBytes(4).toString('hex')}:` };

  beforeAll(async () => {
    cloud = await startTestCloud();
    [sut, before] = await Promise.all([
      startTestApp({
        redis: true,
        env: {
          ...cloud.env,
          ...shared,
          REGIONS: 'cn,intl',
          ALIBABA_CLOUD_VOD_REGION__INTL: 'ap-southeast-1',
          // Tencent is off in intl: its credential pair, emptied there, is the profile's own.
          TENCENTCLOUD_SECRET_ID__INTL: '',
          TENCENTCLOUD_SECRET_KEY__INTL: '',
        },
      }),
      startTestApp({ redis: true, env: { ...cloud.env, ...shared } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([sut?.close(), before?.close()]);
    await cloud?.close();
  });

  const get = async (app: TestApp, path: string, headers: Record<string, string>) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const creates = () => cloud.emulator.server.calls('aliyun-vod', 'CreateUploadVideo');

  it('shows the region on GET /v1/me: the claim, or the default profile without one', async () => {
    expect((await get(sut, '/v1/me', sut.bearer('alice'))).body).toEqual({ id: 'alice', permissions: [], region: 'cn' });
    expect((await get(sut, '/v1/me', sut.bearer('alice', { region: 'intl' }))).body).toMatchObject({ region: 'intl' });
    expect((await get(sut, '/v1/me', sut.bearer('alice', { region: 'mars' }))).body).toEqual({ id: 'alice', permissions: [] });
  });

  it('stores the profile on the record and shows it on GET /v1/uploads/{id}', async () => {
    for (const [claim, region] of [
      [undefined, 'cn'],
      ['intl', 'intl'],
    ] as const) {
      const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer('bob', { region: claim }));
      expect(created.status).toBe(201);
      const record = await get(sut, `/v1/uploads/${created.body.uploadId}`, sut.bearer('bob', { region: claim }));
      expect(record.body).toMatchObject({ uploadId: created.body.uploadId, region });
    }
  });

  it.each([
    [
      'an unknown profile',
      'mars',
      '/v1/uploads/aliyun-vod/videos',
      VIDEO,
      /^The region your token names is not a region of this deployment\.$/,
    ],
    ['a profile without the provider', 'intl', '/v1/uploads/tencent-vod/media', { mediaType: 'mp4' }, /Tencent.* in the region intl\.$/],
    ['a claim that is not a string', 42, '/v1/uploads/aliyun-vod/videos', VIDEO, /not a region of this deployment/],
  ])('refuses %s with 403 REGION_NOT_ALLOWED before any upstream call', async (_case, region, path, body, detail) => {
    const calls = { aliyun: creates(), tencent: cloud.emulator.server.calls('tencent-vod', 'ApplyUpload') };
    const response = await post(`${sut.url}${path}`, body, sut.bearer('carol', { region }));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 403, code: 'REGION_NOT_ALLOWED', detail: expect.stringMatching(detail) });
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
    expect({ aliyun: creates(), tencent: cloud.emulator.server.calls('tencent-vod', 'ApplyUpload') }).toEqual(calls);
  });

  it('serves a commit by the upload’s region after its owner moved to a region without the provider', async () => {
    const applied = await tencentVodApi(sut).apply('erin');
    expect(applied.status).toBe(201);
    const { uploadId } = (await applied.json()) as { uploadId: string };
    const moved = tencentVodApi(sut, { region: 'intl' });
    // A new upload in intl has no Tencent; the one made in cn is still cn's to finish.
    expect((await moved.apply('erin')).status).toBe(403);
    const commits = cloud.emulator.server.calls('tencent-vod', 'CommitUpload');
    expect((await moved.commit('erin', uploadId)).status).toBe(200);
    expect(cloud.emulator.server.calls('tencent-vod', 'CommitUpload')).toBe(commits + 1);
    // An unknown region stays refused, an upload of its own or not.
    expect((await tencentVodApi(sut, { region: 'mars' }).commit('erin', uploadId)).status).toBe(403);
  });

  it('signs the next signature of a session by the upload’s region after its owner moved to a region without the provider', async () => {
    const first = await tencentVodApi(sut).sign('fay');
    expect(first.status).toBe(201);
    const { uploadId } = (await first.json()) as { uploadId: string };
    const moved = tencentVodApi(sut, { region: 'intl' });
    // The next signature of cn's session is cn's, signed with cn's key (intl has none for Tencent).
    const next = await moved.sign('fay', { uploadId });
    expect(next.status).toBe(201);
    const { signature } = (await next.json()) as { signature: string };
    const decoded = decodeUploadSignature(signature, cloud.env.TENCENTCLOUD_SECRET_KEY);
    expect(decoded).toMatchObject({ secretId: cloud.env.TENCENTCLOUD_SECRET_ID });
    // A new session in intl is refused, with the gate's answer though the handler gives it (the body could have named one).
    const fresh = await moved.sign('fay');
    expect(fresh.status).toBe(403);
    expect(await fresh.json()).toMatchObject({
      code: 'REGION_NOT_ALLOWED',
      detail: expect.stringMatching(/Tencent.* in the region intl\.$/),
    });
    expect((await moved.sign('fay', {})).status).toBe(403);
    // An unknown region is still the gate's to refuse, for the session's own next signature too.
    expect((await tencentVodApi(sut, { region: 'mars' }).sign('fay', { uploadId })).status).toBe(403);
  });

  it('lets no request body choose the region', async () => {
    const calls = creates();
    const response = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { ...VIDEO, region: 'intl' }, sut.bearer('dave'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(creates()).toBe(calls);
  });

  it('reads a record made before REGIONS as the default profile, and one made without REGIONS shows no region', async () => {
    const created = await post(`${before.url}/v1/uploads/aliyun-vod/videos`, VIDEO, before.bearer('erin'));
    expect(created.status).toBe(201);
    const path = `/v1/uploads/${created.body.uploadId}`;
    expect((await get(before, path, before.bearer('erin'))).body).not.toHaveProperty('region');
    expect((await get(sut, path, sut.bearer('erin'))).body).toMatchObject({ region: 'cn' });
  });

  it('answers 501, not 500, for a refresh of an upload whose region is no longer declared', async () => {
    const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer('gus', { region: 'intl' }));
    expect(created.status).toBe(201);
    const refreshes = cloud.emulator.server.calls('aliyun-vod', 'RefreshUploadVideo');
    // The app without REGIONS has one implicit profile: intl is gone from it.
    const refreshed = await post(`${before.url}/v1/uploads/aliyun-vod/videos/${created.body.videoId}/refresh`, {}, before.bearer('gus'));
    expect(refreshed.status).toBe(501);
    expect(refreshed.body).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    expect(cloud.emulator.server.calls('aliyun-vod', 'RefreshUploadVideo')).toBe(refreshes);
    // Its status still reads.
    expect((await get(before, `/v1/uploads/${created.body.uploadId}`, before.bearer('gus'))).status).toBe(200);
  });
});
