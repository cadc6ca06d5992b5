import Redis from 'ioredis';
import { SealedRecords } from '@app/store';
import { aliyun } from '@app/providers';
import { UploadRecords } from '@app/uploads';
import { ALIYUN_TEST_IDS, decodeBase64Json, fieldsOf, post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const VIDEO = { title: 'UploadTest', fileName: 'D:\\video_01.mp4', fileSize: 123, tags: ['tag1', 'tag2'] };
const AUTH_FIELDS = ['AccessKeyId', 'AccessKeySecret', 'Expiration', 'ExpireUTCTime', 'Region', 'SecurityToken'];

describe('Alibaba Cloud VOD videos (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  const videos = () => `${sut.url}/v1/uploads/aliyun-vod/videos`;
  const refresh = (videoId: string, user = 'alice', body?: unknown, headers: Record<string, string> = {}) =>
    post(`${videos()}/${encodeURIComponent(videoId)}/refresh`, body, { ...sut.bearer(user), ...headers });
  const calls = (operation: string) => cloud.emulator.server.calls('aliyun-vod', operation);

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: { ...cloud.env, LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('serves the web upload SDK flow: create, then refresh twice, each with a fresh full credential', async () => {
    const created = await post(videos(), VIDEO, sut.bearer('alice'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      uploadId: expect.stringMatching(/^upl_/),
      videoId: expect.stringMatching(/^[0-9a-f]{32}$/),
      uploadAddress: expect.any(String),
      uploadAuth: expect.any(String),
      expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      requestId: expect.any(String),
    });
    const auths = [created.body.uploadAuth];
    for (let i = 0; i < 2; i++) {
      const refreshed = await refresh(created.body.videoId);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({
        uploadId: created.body.uploadId,
        videoId: created.body.videoId,
        uploadAddress: created.body.uploadAddress,
      });
      auths.push(refreshed.body.uploadAuth);
      expect(Date.parse(refreshed.body.expiresAt)).toBeGreaterThan(Date.now());
    }
    expect(new Set(auths).size).toBe(3);
    for (const auth of auths) expect(Object.keys(decodeBase64Json(auth)).sort()).toEqual(AUTH_FIELDS);
    expect(Object.keys(decodeBase64Json(created.body.uploadAddress)).sort()).toEqual(['Bucket', 'Endpoint', 'FileName']);
  });

  it('passes the provider values through untouched and derives expiresAt from the credential', async () => {
    const created = await post(videos(), VIDEO, sut.bearer('alice'));
    expect(created.body.expiresAt).toBe(decodeBase64Json(created.body.uploadAuth).ExpireUTCTime);
    // The configured storage location reached VOD: the upload address names its bucket.
    expect(decodeBase64Json(created.body.uploadAddress).Bucket).toBe(ALIYUN_TEST_IDS.storageLocation.split('.')[0]);
  });

  it('records the upload sealed in Redis for the configured time, and links the video id to it', async () => {
    const created = await post(videos(), VIDEO, sut.bearer('alice'));
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const key = `${sut.config.store.keyPrefix}upload:{${created.body.uploadId}}`;
      const raw = (await redis.get(key))!;
      // Sealed: no user id in clear in Redis.
      expect(raw).toMatch(/^v1\./);
      expect(raw).not.toContain('alice');
      expect(await sut.app.get(SealedRecords).get(`upload:{${created.body.uploadId}}`)).toMatchObject({
        ownerId: 'alice',
        uploadId: created.body.uploadId,
        provider: 'aliyun-vod',
        kind: 'aliyun-vod-video',
        status: 'issued',
        videoId: created.body.videoId,
      });
      expect(await redis.pttl(key)).toBeGreaterThan(7 * 24 * 3600 * 1000 - 60_000);
      expect(await redis.get(`${sut.config.store.keyPrefix}upload-by:{aliyun-vod:videoId:${created.body.videoId}}`)).toBe(
        created.body.uploadId,
      );
      expect((await redis.keys(`${sut.config.store.keyPrefix}*`)).join(' ')).not.toContain('alice');
    } finally {
      redis.disconnect();
    }
  });

  it("answers another user's refresh exactly like an unknown id (404), without calling the provider", async () => {
    const created = await post(videos(), VIDEO, sut.bearer('alice'));
    const before = calls('RefreshUploadVideo');
    const foreign = await refresh(created.body.videoId, 'mallory');
    const unknown = await refresh('0123456789abcdef0123456789abcdef', 'mallory');
    const malformed = await refresh('../../etc:passwd', 'mallory');
    for (const response of [foreign, unknown, malformed]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const { requestId: _a, ...foreignBody } = foreign.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(foreignBody).toEqual(unknownBody);
    expect(calls('RefreshUploadVideo')).toBe(before);
  });

  it('accepts a refresh with no body, with or without a JSON content type', async () => {
    const created = await post(videos(), VIDEO, sut.bearer('alice'));
    expect((await refresh(created.body.videoId)).status).toBe(200);
    expect((await refresh(created.body.videoId, 'alice', undefined, { 'content-type': 'application/json' })).status).toBe(200);
    expect((await refresh(created.body.videoId, 'alice', '', { 'content-type': 'application/json' })).status).toBe(200);
  });

  it('maps the provider not knowing a video we recorded to the same 404', async () => {
    const videoId = 'feedfacefeedfacefeedfacefeedface';
    await sut.app.get(UploadRecords).issue(
      { id: 'alice', permissions: [] },
      aliyun.VOD_VIDEO.spec,
      async () => ({ videoId }),
      (answer) => answer,
    );
    const response = await refresh('feedfacefeedfacefeedfacefeedface');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', upstreamRequestId: expect.any(String) });
  });

  it.each([
    ['a title over 128 characters', { ...VIDEO, title: 'x'.repeat(129) }, 'title'],
    ['an emoji in the title', { ...VIDEO, title: 'launch 🚀' }, 'title'],
    ['17 tags', { ...VIDEO, tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'tags'],
    ['a tag with a comma', { ...VIDEO, tags: ['a,b'] }, 'tags'],
    ['a file name that is not a video', { ...VIDEO, fileName: 'resume.pdf' }, 'fileName'],
    ['a template group outside the allowlist', { ...VIDEO, templateGroupId: 'ffffffffffffffffffffffffffffffff' }, 'templateGroupId'],
    ['a category outside the allowlist', { ...VIDEO, cateId: 42 }, 'cateId'],
    ['a file over the configured maximum', { ...VIDEO, fileSize: 11 * 1024 ** 3 }, 'fileSize'],
  ])('answers %s with 400 naming the field, before any upstream call', async (_case, body, field) => {
    const before = calls('CreateUploadVideo');
    const response = await post(videos(), body, sut.bearer('alice'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response)).toContain(field);
    expect(calls('CreateUploadVideo')).toBe(before);
  });

  it('accepts an allowlisted template group, workflow and category', async () => {
    const response = await post(
      videos(),
      {
        ...VIDEO,
        templateGroupId: ALIYUN_TEST_IDS.otherTemplateGroupId,
        workflowId: ALIYUN_TEST_IDS.vodWorkflowId,
        cateId: ALIYUN_TEST_IDS.cateIds[0],
      },
      sut.bearer('alice'),
    );
    expect(response.status).toBe(201);
  });

  it('requires a bearer token', async () => {
    expect((await post(videos(), VIDEO)).status).toBe(401);
    expect((await post(`${videos()}/x/refresh`)).status).toBe(401);
  });
});

describe('Alibaba Cloud VOD permissions', () => {
  it('requires upload:video for videos when permissions are enforced', async () => {
    const cloud = await startTestCloud();
    const sut = await startTestApp({ redis: true, env: { ...cloud.env, AUTH_PERMISSIONS_ENABLED: 'true' } });
    try {
      const url = `${sut.url}/v1/uploads/aliyun-vod/videos`;
      expect((await post(url, VIDEO, sut.bearer('alice', { scope: 'upload:image' }))).status).toBe(403);
      expect((await post(url, VIDEO, sut.bearer('alice', { scope: 'upload:video' }))).status).toBe(201);
      expect(
        (await post(`${sut.url}/v1/uploads/aliyun-vod/images`, { imageType: 'default' }, sut.bearer('alice', { scope: 'upload:video' })))
          .status,
      ).toBe(403);
      expect(
        (
          await post(
            `${sut.url}/v1/uploads/aliyun-vod/attached-media`,
            { businessType: 'subtitle', mediaExt: 'vtt' },
            sut.bearer('a', { scope: 'upload:attached-media' }),
          )
        ).status,
      ).toBe(201);
      expect((await post(`${sut.url}/v1/uploads/aliyun-ims/media`, {}, sut.bearer('a', { scope: 'upload:video' }))).status).toBe(403);
    } finally {
      await sut.close();
      await cloud.close();
    }
  });
});
