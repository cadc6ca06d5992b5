import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const PROBLEM = /^application\/problem\+json/;

/** Inputs a hostile or careless client can send; each must be a clear 4xx problem, never a 500. */
describe('Hostile input on the real routes', () => {
  let cloud: TestCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: { ...cloud.env, METRICS_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  const post = async (path: string, rawBody?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${sut.url}${path}`, {
      method: 'POST',
      headers: { ...sut.bearer('mallory'), ...(rawBody === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: rawBody,
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
  };

  it.each([
    [
      'an attached-media business type named like an Object member',
      '/v1/uploads/aliyun-vod/attached-media',
      { businessType: 'constructor', mediaExt: 'png' },
      'businessType',
    ],
    [
      'an IMS file type named like an Object member',
      '/v1/uploads/aliyun-ims/media',
      { fileInfo: { type: 'constructor', name: 'a', ext: 'mp4' }, mediaMetaData: { title: 't', businessType: 'opening' } },
      'fileInfo.type',
    ],
    [
      'an IMS business type named like an Object member',
      '/v1/uploads/aliyun-ims/media',
      { fileInfo: { type: 'video', name: 'a', ext: 'mp4' }, mediaMetaData: { title: 't', businessType: 'hasOwnProperty' } },
      'mediaMetaData.businessType',
    ],
  ])('answers %s with 400 naming the field', async (_case, path, body, field) => {
    const response = await post(path, JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it.each([
    ['a lone surrogate in a string', '/v1/uploads/tencent-vod/signatures', '{"sessionContext":"a\\ud800b"}'],
    ['a lone surrogate in a key', '/v1/uploads/aliyun-vod/images', '{"imageType":"default","\\udc00":1}'],
    [
      'JSON nested 1,500 levels deep',
      '/v1/uploads/aliyun-vod/videos',
      `{"title":${'['.repeat(1500)}${']'.repeat(1500)},"fileName":"a.mp4"}`,
    ],
  ])('answers %s with 400 MALFORMED_JSON', async (_case, path, raw) => {
    for (const headers of [{}, { 'idempotency-key': 'hostile-key-1' }] as Record<string, string>[]) {
      const response = await post(path, raw, headers);
      expect(response.type).toMatch(PROBLEM);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('MALFORMED_JSON');
    }
  });

  it('treats null as "not given" for optional fields', async () => {
    const response = await post(
      '/v1/uploads/aliyun-vod/attached-media',
      JSON.stringify({ businessType: 'watermark', mediaExt: 'png', fileSize: null, title: null }),
    );
    expect(response.status).toBe(201);
  });

  it('answers a URL with broken percent-encoding with a 400 problem', async () => {
    const raw = await fetch(`${sut.url}/v1/uploads/aliyun-vod/videos/%E0%A4%A/refresh`, { method: 'POST', headers: sut.bearer('mallory') });
    expect(raw.headers.get('content-type')).toMatch(PROBLEM);
    expect(raw.status).toBe(400);
    expect((await raw.json()).requestId).toBe(raw.headers.get('x-request-id'));
  });

  it('answers an id longer than any we issue with 404, and the wrong method on it with 405', async () => {
    const long = 'a'.repeat(150);
    expect((await post(`/v1/uploads/aliyun-vod/videos/${long}/refresh`)).status).toBe(404);
    const tooLong = await post(`/v1/uploads/aliyun-vod/videos/${'a'.repeat(250)}/refresh`);
    expect(tooLong.type).toMatch(PROBLEM);
    expect(tooLong.status).toBe(404);
    const wrongMethod = await fetch(`${sut.url}/v1/uploads/aliyun-vod/videos/${long}/refresh`);
    expect(wrongMethod.status).toBe(405);
  });

  it('does not serve /metrics when METRICS_ENABLED=false', async () => {
    expect((await fetch(`${sut.url}/metrics`)).status).toBe(404);
  });
});
