import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type ServiceProcess } from './support/spawn-service';

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
  });

  it('serves the principal of the banner token', async () => {
    expect(await call('GET', '/v1/me')).toEqual({ status: 200, body: { id: 'sandbox-user', permissions: [] } });
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

  it('works end to end for every Tencent VOD route', async () => {
    const upload = await call('POST', '/v1/uploads/tencent-vod/media', { mediaType: 'mp4' });
    expect(upload.status).toBe(201);
    const commit = await call('POST', `/v1/uploads/tencent-vod/media/${upload.body.uploadId}/commit`);
    expect(commit).toMatchObject({ status: 200, body: { fileId: expect.any(String) } });
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
