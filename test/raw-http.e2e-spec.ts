import { FIXTURE_ENV, ProtectionFixtureModule } from './support/protection-fixture.module';
import { type RawResponse, rawExchange, stalledConnection } from './support/raw-http';
import { startTestApp, type TestApp } from './support/test-app';

/** What every answer of ours looks like, whoever wrote it: problem+json with the request id in body and header. */
function expectProblem(response: RawResponse | undefined, status: number, code?: string): void {
  expect(response).toBeDefined();
  expect(response!.status).toBe(status);
  expect(response!.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(response!.body);
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:upload-bff:problem:/), requestId: expect.any(String) });
  if (code) expect(body.code).toBe(code);
  expect(response!.headers['x-request-id']).toBe(body.requestId);
}

const ROUTE = '/test-protection/credentials';

const errorLines = (app: TestApp) => app.logs.entries().filter((entry) => Number(entry.level) >= 50 || entry.level === 'error');

describe('Malformed HTTP below the application', () => {
  let sut: TestApp;
  let port: number;

  beforeAll(async () => {
    sut = await startTestApp({ imports: [ProtectionFixtureModule], env: { ...FIXTURE_ENV } });
    port = Number(new URL(sut.url).port);
  });
  afterAll(() => sut.close());
  afterEach(() => expect(errorLines(sut)).toEqual([]));

  it.each([
    [
      'Content-Length and Transfer-Encoding together',
      `POST ${ROUTE} HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    [
      'a bad chunk size',
      `POST ${ROUTE} HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n`,
    ],
    ['a control character in a header', 'GET /v1/me HTTP/1.1\r\nHost: a\r\nX-Note: a\u0001b\r\n\r\n'],
    ['a space in the path', 'GET /v1/ me HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a NUL in the path', 'GET /v1/\u0000me HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an unknown method', 'BREW /v1/me HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an HTTP/2 preface on HTTP/1.1', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a duplicate Content-Length', `POST ${ROUTE} HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`],
  ])('answers %s with a 400 problem and closes', async (_case, request) => {
    const { responses, closed } = await rawExchange(port, request);
    expectProblem(responses[0], 400, 'MALFORMED_REQUEST');
    expect(closed).toBe(true);
  });

  it.each([
    ['a header over 16 KB', `GET /v1/me HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['a huge bearer token', `GET /v1/me HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${'e'.repeat(17_000)}.e.e\r\n\r\n`],
  ])('answers %s with a 431 problem', async (_case, request) => {
    const { responses } = await rawExchange(port, request);
    expectProblem(responses[0], 431, 'HEADERS_TOO_LARGE');
  });

  it('answers an unknown Expect with a 417 problem', async () => {
    const { responses } = await rawExchange(port, 'GET /v1/me HTTP/1.1\r\nHost: a\r\nExpect: teapot\r\n\r\n', { responses: 1 });
    expectProblem(responses[0], 417, 'EXPECTATION_FAILED');
  });

  it('answers an HTTP/1.1 request without Host with a 400 problem', async () => {
    const { responses } = await rawExchange(port, 'GET /healthz HTTP/1.1\r\n\r\n', { responses: 1 });
    expectProblem(responses[0], 400, 'MALFORMED_REQUEST');
    // HTTP/1.0 has no Host requirement.
    const old = await rawExchange(port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(old.responses[0].status).toBe(200);
  });

  it('answers CONNECT and an Upgrade request with problems, not a silent close', async () => {
    const connect = await rawExchange(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expectProblem(connect.responses[0], 405, 'METHOD_NOT_ALLOWED');
    const upgrade = await rawExchange(port, 'GET /v1/me HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n', {
      responses: 1,
    });
    expectProblem(upgrade.responses[0], 401, 'UNAUTHENTICATED');
  });

  it('survives a client that vanishes while its request is in the guards (pipelined Content-Length: 0, then stray bytes)', async () => {
    const token = sut.bearer('vanishing').authorization;
    const request =
      `POST /test-protection/credentials HTTP/1.1\r\nHost: a\r\nAuthorization: ${token}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 0\r\n\r\n{"name":"stray bytes"}';
    for (let i = 0; i < 5; i++) {
      const { responses, closed } = await rawExchange(port, request);
      expect(closed).toBe(true);
      for (const response of responses) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // The guards ran after the socket was gone; let them finish before the afterEach looks at the log.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const healthy = await fetch(`${sut.url}/test-protection/credentials`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(healthy.status).toBe(201);
  });

  it('answers a URL that Fastify cannot decode with a problem', async () => {
    const { responses } = await rawExchange(port, 'GET /%E0%A4%A HTTP/1.1\r\nHost: a\r\n\r\n', { responses: 1 });
    expectProblem(responses[0], 400);
  });
});

describe('Slow and stalled clients', () => {
  const TIMEOUT_MS = 1_000;
  let sut: TestApp;
  let port: number;

  beforeAll(async () => {
    sut = await startTestApp({
      imports: [ProtectionFixtureModule],
      // 500 stalled requests from one address pass the gate's rate limit, so that it is the body they stall in.
      env: { ...FIXTURE_ENV, REQUEST_TIMEOUT_MS: String(TIMEOUT_MS), RATE_LIMIT_DEFAULT: 'user:100/1m,ip:100000/1m' },
    });
    port = Number(new URL(sut.url).port);
  });
  afterAll(() => sut.close());
  afterEach(() => expect(errorLines(sut)).toEqual([]));

  // Signed in: the request gate admits it, so the body is awaited (without a token it is refused before the body, below).
  const authorization = (user = 'slow-client') => `Authorization: ${sut.bearer(user).authorization}\r\n`;
  const declaredBody = (user?: string) =>
    `POST ${ROUTE} HTTP/1.1\r\nHost: a\r\n${authorization(user)}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na`;

  it.each([
    ['a body shorter than its Content-Length', () => declaredBody()],
    [
      'an unterminated chunked body',
      () =>
        `POST ${ROUTE} HTTP/1.1\r\nHost: a\r\n${authorization()}Content-Type: application/json\r\n` +
        'Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n',
    ],
    ['headers that never end', () => 'GET /v1/me HTTP/1.1\r\nHost: a\r\nX-Slow: '],
    ['a connection that sends nothing', () => ''],
  ])('answers %s with 408 and closes within the request timeout', async (_case, payloadOf) => {
    const payload = payloadOf();
    const { responses, closed, elapsedMs } = await rawExchange(port, payload, { waitMs: TIMEOUT_MS * 4 });
    expect(closed).toBe(true);
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS * 3);
    if (payload !== '') expectProblem(responses[0], 408, 'REQUEST_TIMEOUT');
  });

  it('refuses a request without a token at once, before waiting for its body', async () => {
    const unsigned = `POST ${ROUTE} HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na`;
    const { responses, elapsedMs } = await rawExchange(port, unsigned, { responses: 1, waitMs: TIMEOUT_MS * 4 });
    expectProblem(responses[0], 401, 'UNAUTHENTICATED');
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS / 2);
  });

  it('keeps answering others promptly while 500 connections stall, and closes all 500 within the timeout', async () => {
    const create = (user: string) =>
      fetch(`${sut.url}${ROUTE}`, { method: 'POST', headers: { ...sut.bearer(user), 'content-type': 'application/json' }, body: '{}' });
    expect((await create('warm-up')).status).toBe(201);
    const stalled = await Promise.all(Array.from({ length: 500 }, (_, i) => stalledConnection(port, declaredBody(`stalled-${i}`))));
    try {
      for (let i = 0; i < 5; i++) {
        const asked = performance.now();
        expect((await create(`patient-${i}`)).status).toBe(201);
        // Queued behind the stalled connections it would wait for their timeout: prompt is anything shorter.
        expect(performance.now() - asked).toBeLessThan(TIMEOUT_MS);
      }
      const outcomes = await Promise.all(stalled.map((connection) => connection.closed));
      // Node looks for expired requests every tenth of the timeout; the rest is a busy two-core machine (2.3 s seen
      // with three test runs on two cores). A connection the timeout missed would stay open for the whole wait.
      for (const outcome of outcomes) {
        expect(outcome.elapsedMs).toBeLessThan(TIMEOUT_MS * 3);
        expectProblem(outcome.responses[0], 408, 'REQUEST_TIMEOUT');
      }
    } finally {
      for (const { socket } of stalled) socket.destroy();
    }
  });
});
