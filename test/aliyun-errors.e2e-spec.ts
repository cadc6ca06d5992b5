import { aliyun } from '@app/providers';
import { ApiError } from '@app/common';
import { post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const VIDEO = { title: 'UploadTest', fileName: 'clip.mp4' };
const MEDIA = { fileInfo: { type: 'video', name: 'clip', ext: 'mp4' }, mediaMetaData: { title: 't', businessType: 'general' } };
const READ_TIMEOUT_MS = 400;

describe('Alibaba Cloud errors and timeouts (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  const responses: string[] = [];
  const call = async (path: string, body: unknown, env?: TestApp) => {
    const app = env ?? sut;
    const response = await post(`${app.url}${path}`, body, app.bearer('alice'));
    responses.push(response.text, JSON.stringify([...response.headers]));
    return response;
  };
  const videos = '/v1/uploads/aliyun-vod/videos';

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({
      redis: true,
      env: {
        ...cloud.env,
        LOG_LEVEL: 'trace',
        ALIBABA_CLOUD_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS),
        ALIBABA_CLOUD_CONNECT_TIMEOUT_MS: '1000',
      },
    });
  });
  afterEach(() => cloud.emulator.server.faults.clear());
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('answers provider throttling with 503 UPSTREAM_THROTTLED and Retry-After, never the provider text', async () => {
    cloud.emulator.server.faults.inject({ kind: 'throttle', provider: 'aliyun-vod', times: 1 });
    const response = await call(videos, VIDEO);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body).toMatchObject({ code: 'UPSTREAM_THROTTLED', upstreamRequestId: expect.any(String) });
    expect(response.text).not.toMatch(/flow control|Throttling\.User/);
  });

  it('answers a provider 5xx with 503 UPSTREAM_UNAVAILABLE and Retry-After, for VOD and IMS', async () => {
    cloud.emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-vod', times: 1 });
    cloud.emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-ice', times: 1 });
    for (const [path, body] of [
      [videos, VIDEO],
      ['/v1/uploads/aliyun-ims/media', MEDIA],
    ] as const) {
      const response = await call(path, body);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('answers a hanging provider with 504 within the configured read timeout', async () => {
    cloud.emulator.server.faults.inject({ kind: 'hang', provider: 'aliyun-vod', times: 1 });
    const started = Date.now();
    const response = await call(videos, VIDEO);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(504);
    expect(response.body.code).toBe('UPSTREAM_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(READ_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(READ_TIMEOUT_MS + 1000);
  });

  it('answers a refused signature, an unknown key and a storage location VOD does not have with 502', async () => {
    const badApps = await Promise.all([
      startTestApp({ env: { ...cloud.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'definitely-not-the-secret' } }),
      startTestApp({ env: { ...cloud.env, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIunknownkey' } }),
      startTestApp({ env: { ...cloud.env, ALIBABA_CLOUD_VOD_STORAGE_LOCATION: 'my-bucket.oss-cn-shanghai.aliyuncs.com' } }),
    ]);
    try {
      for (const app of badApps) {
        const response = await call(videos, VIDEO, app);
        expect(response.status).toBe(502);
        expect(response.body).toMatchObject({ code: 'UPSTREAM_REJECTED', upstreamRequestId: expect.any(String) });
        expect(response.text).not.toMatch(/Signature|access key|storage/i);
        expect(app.logs.text).not.toContain(cloud.aliyunKey.secret);
      }
    } finally {
      await Promise.all(badApps.map((app) => app.close()));
    }
  });

  it('answers a caller fault the provider finds with 400 naming our field (via the real adapter and emulator)', async () => {
    const error = await sut.app
      .get(aliyun.AliyunClient)
      .call(aliyun.CREATE_UPLOAD_VIDEO, { title: 'party 🎉', fileName: 'clip.mp4' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'title' }], upstreamRequestId: expect.any(String) },
    });
  });

  it('logs each upstream call with provider, operation, request id and latency', () => {
    const lines = sut.logs.entries().filter((entry) => (entry.data as { provider?: string } | undefined)?.provider === 'aliyun-vod');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line.data).toMatchObject({ operation: expect.any(String), latencyMs: expect.any(Number), outcome: expect.any(String) });
    expect(lines.some((line) => (line.data as { upstreamCode?: string }).upstreamCode === 'Throttling.User')).toBe(true);
  });

  it('never lets our AccessKey secret into a response, a log line or the OpenAPI document', async () => {
    const docs = await fetch(`${sut.url}/docs-json`);
    responses.push(await docs.text());
    const secret = cloud.aliyunKey.secret;
    expect(responses.join('\n')).not.toContain(secret);
    expect(sut.logs.text).not.toContain(secret);
    expect(sut.logs.text.length).toBeGreaterThan(0);
  });
});
