import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUploadClient, type Schemas, type UploadClient } from '@app/client';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const PROBLEM = /^application\/problem\+json/;
const VIDEO: Schemas['CreateUploadVideoDto'] = { title: 'UploadTest', fileName: 'clip.mp4', fileSize: 123 };
const IMS_VIDEO: Schemas['CreateUploadMediaDto'] = {
  fileInfo: { type: 'video', name: 'clip', ext: 'mp4' },
  mediaMetaData: { title: 'UploadTest', businessType: 'opening' },
};

/** Every named request example of openapi.json, as [operationId, example name, value]. */
function documentedRequestExamples(): [keyof UploadClient, string, unknown][] {
  const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item as Record<string, any>)
      // The providers call the event receivers; the client is for apps.
      .filter((operation) => !operation.tags?.includes('events'))
      .flatMap((operation) =>
        Object.entries<{ value: unknown }>(operation.requestBody?.content['application/json'].examples ?? {}).map(
          ([name, example]): [keyof UploadClient, string, unknown] => [operation.operationId, name, example.value],
        ),
      ),
  );
}

describe('The generated client, as a web app uses it (real app on Fastify, Redis, emulator)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let client: UploadClient;
  /** Who is signed in; the token provider reads it on every call. */
  let user: string | undefined;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({
      redis: true,
      env: { ...cloud.env, TENCENTCLOUD_VOD_PROCEDURES: 'transcode-hd', TENCENTCLOUD_VOD_CLASS_IDS: '0,12' },
    });
    client = createUploadClient({
      baseUrl: sut.url,
      getToken: async () => (user === undefined ? undefined : sut.bearer(user).authorization.replace(/^Bearer /, '')),
    });
  });
  beforeEach(() => {
    user = 'alice';
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  describe('every route', () => {
    it('GET /healthz and GET /readyz', async () => {
      expect((await client.getLiveness()).data).toEqual({ status: 'ok' });
      expect((await client.getReadiness()).data).toEqual({ status: 'ok', store: 'redis' });
    });

    it('GET /v1/sandbox: 404 outside the sandbox, without asking for a token', async () => {
      user = undefined;
      const { error, response } = await client.getSandbox();
      expect(response.status).toBe(404);
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('GET /v1/me, with whatever token the provider has now', async () => {
      expect((await client.getMe()).data).toEqual({ id: 'alice', permissions: [] });
      user = 'bob';
      expect((await client.getMe()).data).toEqual({ id: 'bob', permissions: [] });
    });

    it('Alibaba VOD videos: create (replayed by its Idempotency-Key), then refresh', async () => {
      const idempotencyKey = randomUUID();
      const created = await client.createAliyunVodVideoUpload(VIDEO, { idempotencyKey });
      expect(created.response.status).toBe(201);
      expect(created.data).toEqual({
        uploadId: expect.stringMatching(/^upl_/),
        videoId: expect.any(String),
        uploadAddress: expect.any(String),
        uploadAuth: expect.any(String),
        expiresAt: expect.any(String),
        requestId: expect.any(String),
      });
      const retried = await client.createAliyunVodVideoUpload(VIDEO, { idempotencyKey });
      expect(retried.data).toEqual(created.data);
      expect(retried.response.headers.get('idempotent-replayed')).toBe('true');

      const refreshed = await client.refreshAliyunVodVideoUpload(created.data!.videoId);
      expect(refreshed.response.status).toBe(200);
      expect(refreshed.data).toMatchObject({ videoId: created.data!.videoId, uploadAddress: created.data!.uploadAddress });
      expect(refreshed.data!.uploadAuth).not.toBe(created.data!.uploadAuth);
    });

    it('Alibaba VOD images and attached media', async () => {
      const image = await client.createAliyunVodImageUpload({ imageType: 'cover', imageExt: 'jpg' });
      expect(image.response.status).toBe(201);
      expect(image.data).toMatchObject({ imageId: expect.any(String), uploadAuth: expect.any(String), expiresAt: expect.any(String) });

      const subtitle = await client.createAliyunVodAttachedMediaUpload({ businessType: 'subtitle', mediaExt: 'vtt' });
      expect(subtitle.response.status).toBe(201);
      expect(subtitle.data).toMatchObject({ mediaId: expect.any(String), uploadAuth: expect.any(String), expiresAt: expect.any(String) });
    });

    it('Alibaba IMS media: create, then refresh', async () => {
      const created = await client.createAliyunImsMediaUpload(IMS_VIDEO, { idempotencyKey: randomUUID() });
      expect(created.response.status).toBe(201);
      expect(created.data).toMatchObject({ uploadId: expect.stringMatching(/^upl_/), mediaId: expect.any(String) });

      const refreshed = await client.refreshAliyunImsMediaUpload(created.data!.mediaId);
      expect(refreshed.response.status).toBe(200);
      expect(refreshed.data).toMatchObject({ mediaId: created.data!.mediaId, uploadAddress: created.data!.uploadAddress });
    });

    it('Tencent VOD: apply, commit, and a client upload signature with or without a body', async () => {
      const applied = await client.applyTencentVodUpload({ mediaType: 'mp4', coverType: 'jpg' }, { idempotencyKey: randomUUID() });
      expect(applied.response.status).toBe(201);
      expect(applied.data).toMatchObject({ uploadId: expect.stringMatching(/^upl_/), tempCertificate: { secretKey: expect.any(String) } });

      const committed = await client.commitTencentVodUpload(applied.data!.uploadId);
      expect(committed.response.status).toBe(200);
      expect(committed.data).toEqual({
        fileId: expect.any(String),
        mediaUrl: expect.any(String),
        coverUrl: expect.any(String),
        requestId: expect.any(String),
      });

      for (const body of [undefined, { procedure: 'transcode-hd', classId: 12 }]) {
        const signed = await client.createTencentVodUploadSignature(body);
        expect(signed.response.status).toBe(201);
        expect(signed.data).toEqual({
          uploadId: expect.stringMatching(/^upl_/),
          signature: expect.any(String),
          expiresAt: expect.any(String),
        });
      }
    });

    it('GET /v1/sandbox/webhooks: 404 outside sandbox mode (test/webhooks-sandbox.e2e-spec.ts reads it in the sandbox)', async () => {
      const listed = await client.listSandboxWebhooks();
      expect(listed.response.status).toBe(404);
      expect(listed.error).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it.each(documentedRequestExamples())('accepts the documented example %s / %s', async (operationId, _name, value) => {
    const call = client[operationId] as (body: unknown) => Promise<{ response: Response; error?: unknown }>;
    const { response, error } = await call(value);
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
  });

  describe('errors, read as typed problems', () => {
    it('401 without a token: the problem and its request id, as in the X-Request-Id header', async () => {
      user = undefined;
      const { data, error, response } = await client.getMe();
      expect(data).toBeUndefined();
      expect(response.headers.get('content-type')).toMatch(PROBLEM);
      expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', type: 'urn:upload-bff:problem:unauthenticated' });
      expect(error!.requestId).toBe(response.headers.get('x-request-id'));
    });

    it('400 naming each invalid field', async () => {
      const { error, response } = await client.createAliyunVodVideoUpload({ title: 'x'.repeat(129), fileName: 'resume.pdf' });
      expect(response.status).toBe(400);
      expect(error!.code).toBe('VALIDATION_FAILED');
      expect(error!.errors!.map((field) => field.field).sort()).toEqual(['fileName', 'title']);
    });

    it("404 for another user's upload, as for an unknown one", async () => {
      const { data } = await client.createAliyunVodVideoUpload(VIDEO);
      user = 'mallory';
      const { error, response } = await client.refreshAliyunVodVideoUpload(data!.videoId);
      expect(response.status).toBe(404);
      expect(error!.code).toBe('NOT_FOUND');
    });

    it('422 for an Idempotency-Key reused with another body', async () => {
      const idempotencyKey = randomUUID();
      expect((await client.applyTencentVodUpload({ mediaType: 'mp4' }, { idempotencyKey })).response.status).toBe(201);
      const { error, response } = await client.applyTencentVodUpload({ mediaType: 'mp3' }, { idempotencyKey });
      expect(response.status).toBe(422);
      expect(error!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });
});
