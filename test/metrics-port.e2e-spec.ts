import { createServer, type Server } from 'node:net';
import { freePort } from '@app/testing';
import { spawnService } from './support/spawn-service';
import { startTestApp, TEST_CACHE_KEY, TEST_JWT_SECRET, type TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
const EXPOSITION = /^text\/plain; version=0\.0\.4/;
/** A service process compiles TypeScript as it starts: seconds on a busy 2-core machine. */
const SPAWN_TIMEOUT_MS = 20_000;

/** A 404 in the service's one error shape, with the request id it answered with. */
async function expectNotFoundProblem(response: Response): Promise<void> {
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toMatch(PROBLEM);
  expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: response.headers.get('x-request-id') });
}

describe('METRICS_PORT: /metrics on a listener of its own', () => {
  let sut: TestApp;
  let metricsUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}`;
    sut = await startTestApp({ env: { METRICS_PORT: String(port) } });
  });
  afterAll(() => sut.close());

  it("serves the app's registry there, counting the requests of the public port", async () => {
    expect((await fetch(`${sut.url}/healthz`)).status).toBe(200);
    const response = await fetch(`${metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(EXPOSITION);
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} [1-9]/);
    // Scrapes are not requests of the API.
    expect(text).not.toMatch(/route="\/metrics"/);
  });

  it('answers 404 for /metrics on the public port, as a problem', async () => {
    await expectNotFoundProblem(await fetch(`${sut.url}/metrics`));
  });

  it('serves nothing else: other paths 404, other methods 405, both as problems', async () => {
    await expectNotFoundProblem(await fetch(`${metricsUrl}/healthz`));
    await expectNotFoundProblem(await fetch(`${metricsUrl}/docs-json`));
    const post = await fetch(`${metricsUrl}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('closes with the app', async () => {
    const port = await freePort();
    const other = await startTestApp({ env: { METRICS_PORT: String(port) } });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await other.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe('/metrics and /docs in production', () => {
  const production = (env: Record<string, string> = {}) =>
    startTestApp({ redis: true, env: { NODE_ENV: 'production', CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY, ...env } });

  it('answer 404 on the public port when METRICS_ENABLED and DOCS_ENABLED are unset', async () => {
    const sut = await production();
    try {
      for (const path of ['/metrics', '/docs', '/docs-json']) await expectNotFoundProblem(await fetch(`${sut.url}${path}`));
      expect((await fetch(`${sut.url}/healthz`)).status).toBe(200);
    } finally {
      await sut.close();
    }
  });

  it('are served when METRICS_ENABLED=true and DOCS_ENABLED=true say so', async () => {
    const sut = await production({ METRICS_ENABLED: 'true', DOCS_ENABLED: 'true' });
    try {
      expect((await fetch(`${sut.url}/metrics`)).headers.get('content-type')).toMatch(EXPOSITION);
      expect((await fetch(`${sut.url}/docs`)).status).toBe(200);
      expect((await (await fetch(`${sut.url}/docs-json`)).json()).openapi).toMatch(/^3\./);
    } finally {
      await sut.close();
    }
  });
});

describe('METRICS_PORT in the service process', () => {
  const BASE = { NODE_ENV: 'test', PORT: '0', AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info' };

  it(
    'serves metrics there, not on PORT, and exits cleanly on SIGTERM',
    async () => {
      const metricsPort = await freePort();
      const service = spawnService({ ...BASE, METRICS_PORT: String(metricsPort) });
      const port = await service.listening;
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(service.stdout()).toContain(`serving /metrics on 127.0.0.1:${metricsPort}`);
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'stops, naming the port, when METRICS_PORT is taken',
    async () => {
      const metricsPort = await freePort();
      const squatter: Server = createServer();
      await new Promise<void>((resolve) => squatter.listen(metricsPort, '127.0.0.1', resolve));
      try {
        const service = spawnService({ ...BASE, METRICS_PORT: String(metricsPort) });
        expect(await service.exited).toBe(1);
        const fatal = service
          .stdout()
          .split('\n')
          .filter((line) => line.includes('"cannot listen"'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(fatal).toEqual([expect.objectContaining({ code: 'EADDRINUSE', host: '127.0.0.1', port: metricsPort })]);
        expect(service.stderr()).not.toMatch(/^\s+at /m);
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
    },
    SPAWN_TIMEOUT_MS,
  );
});
