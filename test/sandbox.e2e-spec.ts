import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import COS from 'cos-nodejs-sdk-v5';
import { spawnService, type ServiceProcess } from './support/spawn-service';

/**
 * Every named request example of openapi.json, as [method, path, example name, value]; not those of
 * the event receivers, which take only calls the providers signed (the emulator's own are tested below).
 */
function documentedRequestExamples(): [string, string, string, unknown][] {
  const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
  return Object.entries<Record<string, any>>(document.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([, operation]) => !operation.tags?.includes('events'))
      .flatMap(([method, operation]) =>
        Object.entries<{ value: unknown }>(operation.requestBody?.content['application/json'].examples ?? {}).map(
          ([name, example]): [string, string, string, unknown] => [method.toUpperCase(), path, name, example.value],
        ),
      ),
  );
}

const decode = (value: string) => JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Record<string, string>;

/** `npm start` on a fresh clone: no configuration at all, only a free port. */
describe('Sandbox mode (no configuration)', () => {
  let service: ServiceProcess;
  let base: string;
  let token: string;
  let cwd: string;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'sandbox-'));
    service = spawnService({ PORT: '0' }, cwd);
    base = `http://127.0.0.1:${await service.listening}`;
    const deadline = Date.now() + 5000;
    while (!/export TOKEN='/.test(service.stderr()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    token = /export TOKEN='([^']+)'/.exec(service.stderr())![1];
  }, 20_000);

  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  /** The service learns of a finished upload from the emulator's event, just after the upload itself. */
  const statusOf = async (uploadId: string, wanted: string) => {
    for (let waited = 0; waited < 3000; waited += 20) {
      const record = await call('GET', `/v1/uploads/${uploadId}`);
      if (record.body.status === wanted) return record;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return call('GET', `/v1/uploads/${uploadId}`);
  };

  it('says loudly that it is a sandbox, with what is fake and a ready-to-paste curl', () => {
    const banner = service.stderr();
    expect(banner).toContain('SANDBOX MODE - not for production');
    expect(banner).toMatch(/generated development JWT secret/);
    expect(banner).toMatch(/cloud emulator in-process at http:\/\/127\.0\.0\.1:\d+ for Alibaba VOD, Alibaba IMS and Tencent VOD/);
    expect(banner).toMatch(/in-process store/);
    expect(banner).toMatch(/webhooks delivered to a built-in sink at http:\/\/127\.0\.0\.1:\d+\/webhooks/);
    expect(banner).toContain(`curl -s ${base}/v1/sandbox/webhooks`);
    expect(banner).toMatch(/signed with the generated WEBHOOK_SECRET=whsec_[A-Za-z0-9+/]{43}=/);
    expect(banner).toContain(`curl -s ${base}/v1/me -H "authorization: Bearer $TOKEN"`);
    expect(statSync(join(cwd, '.sandbox', 'dev-jwt-secret')).mode & 0o777).toBe(0o600);
    expect(banner).toMatch(/ali-oss endpoint: http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toMatch(/COS SDK Domain: +http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toMatch(/vod-js-sdk-v6: +send its https:\/\/vod2\.qcloud\.com requests to http:\/\/127\.0\.0\.1:\d+/);
  });

  it('says where the upload SDKs reach the storage stand-ins: the emulator, without a token', async () => {
    const emulator = /cloud emulator in-process at (http:\/\/127\.0\.0\.1:\d+)/.exec(service.stderr())![1];
    const response = await fetch(`${base}/v1/sandbox`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ oss: { endpoint: emulator }, cos: { domain: emulator }, vodUgc: { origin: emulator } });
  });

  it.each(documentedRequestExamples())('accepts the documented example of %s %s (%s)', async (method, path, _name, value) => {
    expect([200, 201]).toContain((await call(method, path, value)).status);
  });

  it('takes an ali-oss upload to the UploadAddress, and the upload becomes uploaded', async () => {
    const video = await call('POST', '/v1/uploads/aliyun-vod/videos', { title: 'Uploaded', fileName: 'clip.mp4' });
    const address = decode(video.body.uploadAddress);
    const auth = decode(video.body.uploadAuth);
    const oss = new OSS({
      endpoint: address.Endpoint,
      bucket: address.Bucket,
      region: `oss-${auth.Region}`,
      accessKeyId: auth.AccessKeyId,
      accessKeySecret: auth.AccessKeySecret,
      stsToken: auth.SecurityToken,
      refreshSTSToken: async () => ({ accessKeyId: auth.AccessKeyId, accessKeySecret: auth.AccessKeySecret, stsToken: auth.SecurityToken }),
      refreshSTSTokenInterval: 3_600_000,
    });
    expect((await oss.put(address.FileName, randomBytes(4096))).res.status).toBe(200);
    expect(await statusOf(video.body.uploadId, 'uploaded')).toMatchObject({ body: { status: 'uploaded', size: 4096 } });
  });

  it('serves the principal of the banner token', async () => {
    expect(await call('GET', '/v1/me')).toEqual({
      status: 200,
      body: {
        id: 'sandbox-user',
        permissions: [
          'upload:video',
          'upload:audio',
          'upload:image',
          'upload:attached-media',
          'upload:media',
          'uploads:read',
          'uploads:manage',
        ],
      },
    });
  });

  it('works end to end for every Alibaba VOD route', async () => {
    const video = await call('POST', '/v1/uploads/aliyun-vod/videos', { title: 'My first video', fileName: 'clip.mp4' });
    expect(video.status).toBe(201);
    expect(video.body.uploadAuth).toEqual(expect.any(String));
    const refreshed = await call('POST', `/v1/uploads/aliyun-vod/videos/${video.body.videoId}/refresh`);
    expect(refreshed).toMatchObject({ status: 200, body: { videoId: video.body.videoId } });
    expect((await call('POST', '/v1/uploads/aliyun-vod/images', { imageType: 'default' })).status).toBe(201);
    expect((await call('POST', '/v1/uploads/aliyun-vod/attached-media', { businessType: 'watermark', mediaExt: 'png' })).status).toBe(201);
  });

  it('works end to end for both Alibaba IMS routes', async () => {
    const media = await call('POST', '/v1/uploads/aliyun-ims/media', {
      fileInfo: { type: 'video', name: 'clip', ext: 'mp4' },
      mediaMetaData: { title: 'My clip', businessType: 'opening' },
    });
    expect(media.status).toBe(201);
    expect((await call('POST', `/v1/uploads/aliyun-ims/media/${media.body.mediaId}/refresh`)).status).toBe(200);
  });

  it('moves an upload to uploaded when the emulator reports it complete (its signed callback reaches the service)', async () => {
    const video = await call('POST', '/v1/uploads/aliyun-vod/videos', { title: 'Evented', fileName: 'clip.mp4' });
    const emulator = /cloud emulator in-process at (http:\/\/127\.0\.0\.1:\d+)/.exec(service.stderr())![1];
    const completed = await fetch(`${emulator}/__emulator/uploads/complete`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'aliyun-vod', id: video.body.videoId, size: 2048 }),
    });
    expect(await completed.json()).toMatchObject({ statuses: [200] });
    expect(await call('GET', `/v1/uploads/${video.body.uploadId}`)).toMatchObject({
      status: 200,
      body: { status: 'uploaded', size: 2048 },
    });
  });

  it('works end to end for every Tencent VOD route: a commit needs the file in COS first', async () => {
    const upload = await call('POST', '/v1/uploads/tencent-vod/media', { mediaType: 'mp4' });
    expect(upload.status).toBe(201);
    const commitRoute = `/v1/uploads/tencent-vod/media/${upload.body.uploadId}/commit`;
    expect(await call('POST', commitRoute)).toMatchObject({ status: 422, body: { code: 'UNPROCESSABLE' } });

    const { cos: endpoint } = (await (await fetch(`${base}/v1/sandbox`)).json()) as { cos: { domain: string } };
    const { secretId, secretKey, token: securityToken, expiredTime } = upload.body.tempCertificate;
    const cos = new COS({
      Domain: endpoint.domain,
      getAuthorization: (_options, callback) =>
        callback({
          TmpSecretId: secretId,
          TmpSecretKey: secretKey,
          SecurityToken: securityToken,
          StartTime: Math.floor(Date.now() / 1000),
          ExpiredTime: expiredTime,
        }),
    });
    const body = randomBytes(2048);
    const target = { Bucket: upload.body.storageBucket, Region: upload.body.storageRegion, Key: upload.body.mediaStoragePath };
    expect((await cos.putObject({ ...target, Body: body })).statusCode).toBe(200);

    const commit = await call('POST', commitRoute);
    expect(commit).toMatchObject({ status: 200, body: { fileId: expect.any(String) } });
    expect(await statusOf(upload.body.uploadId, 'uploaded')).toMatchObject({ body: { status: 'uploaded' } });
    expect((await call('POST', '/v1/uploads/tencent-vod/signatures', {})).status).toBe(201);
  });

  it('lists what the webhook sink received (test/webhooks-sandbox.e2e-spec.ts shows a delivery arriving)', async () => {
    const response = await fetch(`${base}/v1/sandbox/webhooks`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deliveries: expect.any(Array) });
  });

  it('reports itself ready, with the in-process store', async () => {
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ok', store: 'memory' });
  });
});

describe('Production without configuration', () => {
  it('refuses to start, naming every missing part and no value', async () => {
    const service = spawnService({ NODE_ENV: 'production', PORT: '0' }, mkdtempSync(join(tmpdir(), 'prod-')));
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toMatch(/AUTH_JWT_SECRET: is required in production/);
    expect(service.stderr()).toMatch(/REDIS_URL: is required in production/);
    expect(service.stderr()).not.toMatch(/SANDBOX/);
  });
});
