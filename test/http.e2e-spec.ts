import { FixtureModule } from './support/fixture.module';
import { startTestApp, type TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP surface: errors, request ids, headers', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ imports: [FixtureModule], env: { BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(() => sut.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${sut.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...sut.bearer('alice'), ...headers },
    });

  async function expectProblem(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(PROBLEM);
    const body = await response.json();
    expect(body).toMatchObject({
      status,
      code,
      type: expect.stringMatching(/^urn:/),
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
    return body;
  }

  it('answers an unknown route with 404 problem+json', async () => {
    await expectProblem(await fetch(`${sut.url}/nowhere`), 404, 'NOT_FOUND');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await fetch(`${sut.url}/healthz`, { method: 'DELETE' });
    await expectProblem(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    await expectProblem(await post('/test-fixture/things', '{"name": "a",'), 400, 'MALFORMED_JSON');
  });

  it('refuses prototype-poisoning JSON', async () => {
    await expectProblem(
      await post('/test-fixture/things', '{"__proto__": {"admin": true}, "name": "a", "size": 1}'),
      400,
      'MALFORMED_JSON',
    );
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('answers %s bodies with 415', async (type) => {
    await expectProblem(await post('/test-fixture/things', 'name=a', { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the configured limit with 413', async () => {
    const body = JSON.stringify({ name: 'a', size: 1, pad: 'x'.repeat(4096) });
    await expectProblem(await post('/test-fixture/things', body), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers validation failures with 400 and per-field errors', async () => {
    const body = await expectProblem(
      await post('/test-fixture/things', JSON.stringify({ name: 'far too long', size: 0, extra: 1 })),
      400,
      'VALIDATION_FAILED',
    );
    const fields = body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'size', 'extra']));
  });

  it.each(['[]', '"text"', '42', 'null'])('answers a JSON body that is not an object (%s) with 400', async (raw) => {
    await expectProblem(await post('/test-fixture/things', raw), 400, 'VALIDATION_FAILED');
  });

  it('accepts a valid body', async () => {
    const response = await post('/test-fixture/things', JSON.stringify({ name: 'ok', size: 3 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: 'ok', size: 3 });
  });

  it('echoes an acceptable X-Request-Id and replaces an unacceptable one', async () => {
    const kept = await fetch(`${sut.url}/healthz`, { headers: { 'x-request-id': 'client-req-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('client-req-12345');
    const replaced = await fetch(`${sut.url}/nowhere`, { headers: { 'x-request-id': 'bad id\twith<html>' } });
    const body = await replaced.json();
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requestId).toBe(replaced.headers.get('x-request-id'));
  });

  it('sends security headers', async () => {
    const response = await fetch(`${sut.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('allows CORS only for the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${sut.url}/v1/me`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example.net');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['no Origin', { 'access-control-request-method': 'GET' }],
    ['no Access-Control-Request-Method', { origin: 'https://app.example.com' }],
    ['neither', {}],
  ])('refuses a malformed CORS preflight (%s) with a 400 problem, like every error', async (_case, headers: Record<string, string>) => {
    const body = await expectProblem(await fetch(`${sut.url}/v1/me`, { method: 'OPTIONS', headers }), 400, 'MALFORMED_REQUEST');
    expect(body.detail).toBe('A CORS preflight (OPTIONS) needs the Origin and Access-Control-Request-Method headers.');
  });

  it('lets a web app on an allowed origin revoke an upload (DELETE) and read the headers it needs', async () => {
    const preflight = await fetch(`${sut.url}/v1/uploads/upl_AAAAAAAAAAAAAAAAAAAAAA`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'DELETE' },
    });
    expect(preflight.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(['GET', 'POST', 'DELETE']);
    const answer = await fetch(`${sut.url}/healthz`, { headers: { origin: 'https://app.example.com' } });
    expect(answer.headers.get('access-control-expose-headers')).toContain('retry-after');
  });
});
