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

/** How body bytes become JSON: UTF-8 only, strictly; one value per key; no bidirectional overrides in text. */
describe('Request body encoding', () => {
  let cloud: TestCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ env: { ...cloud.env } });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  const send = async (path: string, body: Buffer | string, contentType = 'application/json') => {
    const response = await fetch(`${sut.url}${path}`, {
      method: 'POST',
      headers: { ...sut.bearer('encoder'), 'content-type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), body: JSON.parse(text) as Record<string, any> };
  };
  const SIGNATURES = '/v1/uploads/tencent-vod/signatures';
  const MEDIA = '/v1/uploads/tencent-vod/media';
  const VIDEOS = '/v1/uploads/aliyun-vod/videos';
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

  it.each([
    ['a byte that is never UTF-8', bytes('{"sessionContext":"a', [0xff], 'b"}')],
    ['an overlong encoding of "/"', bytes('{"sessionContext":"a', [0xc0, 0xaf], 'b"}')],
    ['an encoded surrogate', bytes('{"sessionContext":"a', [0xed, 0xa0, 0x80], 'b"}')],
    ['a truncated sequence', bytes('{"sessionContext":"a', [0xe4, 0xb8], '"}')],
  ])('refuses %s with 400 MALFORMED_JSON instead of replacing it with U+FFFD', async (_case, body) => {
    const response = await send(SIGNATURES, body);
    expect(response.type).toMatch(PROBLEM);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
  });

  it.each([
    ['utf-16', Buffer.from('{"sessionContext":"a"}', 'utf16le')],
    ['UTF-16LE', Buffer.from('{"sessionContext":"a"}', 'utf16le')],
    ['latin1', Buffer.from('{"sessionContext":"é"}', 'latin1')],
    ['iso-8859-1', Buffer.from('{"sessionContext":"a"}', 'latin1')],
    ['"us-ascii"', Buffer.from('{"sessionContext":"a"}')],
  ])('refuses a body declared charset=%s with 415', async (charset, body) => {
    const response = await send(SIGNATURES, body, `application/json; charset=${charset}`);
    expect(response.type).toMatch(PROBLEM);
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([['application/json; charset=utf-8'], ['application/json;charset=UTF-8'], ['application/json; charset="utf-8"']])(
    'accepts %s, and a leading byte order mark',
    async (contentType) => {
      expect((await send(SIGNATURES, '{"sessionContext":"é"}', contentType)).status).toBe(201);
      expect((await send(SIGNATURES, bytes([0xef, 0xbb, 0xbf], '{"sessionContext":"é"}'), contentType)).status).toBe(201);
    },
  );

  it.each([
    ['a repeated key', '{"sessionContext":"a","sessionContext":"b"}'],
    ['a key repeated through an escape', '{"sessionContext":"a","session\\u0043ontext":"b"}'],
    ['a repeated key in a nested object', '{"mediaType":"mp4","x":{"a":1,"a":2}}'],
  ])('refuses %s with 400 MALFORMED_JSON (I-JSON, RFC 7493)', async (_case, raw) => {
    const response = await send(SIGNATURES, raw);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
  });

  it('accepts one key in several objects', async () => {
    expect((await send(MEDIA, '{"mediaType":"mp4","mediaName":"a"}')).status).toBe(201);
    const response = await send(VIDEOS, '{"title":"t","fileName":"a.mp4","tags":["a","b"]}');
    expect(response.status).toBe(201);
  });

  it.each([
    ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['POP DIRECTIONAL FORMATTING', '\u202c'],
    ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
  ])('refuses a %s in a title or a name with 400 naming the field', async (_case, control) => {
    const video = await send(VIDEOS, JSON.stringify({ title: `clip${control}4pm.exe`, fileName: 'a.mp4' }));
    expect(video.status).toBe(400);
    expect(video.body.errors).toEqual([{ field: 'title', message: expect.stringMatching(/bidirectional/) }]);
    const media = await send(MEDIA, JSON.stringify({ mediaType: 'mp4', mediaName: `a${control}b` }));
    expect(media.status).toBe(400);
    expect(media.body.errors.map((error: { field: string }) => error.field)).toEqual(['mediaName']);
  });

  it('accepts zero-width characters and bidirectional marks as text (scripts and emoji need them)', async () => {
    for (const name of ['a\u200bb', 'می\u200cخواهم', 'a\u2060b', '\u200fשלום\u200e 1', '\ufeffa']) {
      expect((await send(MEDIA, JSON.stringify({ mediaType: 'mp4', mediaName: name }))).status).toBe(201);
    }
  });
});
