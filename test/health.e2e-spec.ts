import { startTestApp, type TestApp } from './support/test-app';

describe('Health and metrics', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ redis: true });
  });
  afterAll(() => sut.close());

  it('reports liveness without a token', async () => {
    const response = await fetch(`${sut.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness with the store kind', async () => {
    const response = await fetch(`${sut.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: sut.config.store.kind });
  });

  it('exposes Prometheus metrics with default process metrics and a request histogram', async () => {
    await fetch(`${sut.url}/healthz`);
    await fetch(`${sut.url}/no-such-path-${Date.now()}`);
    const response = await fetch(`${sut.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/);
    expect(text).toMatch(/route="unmatched",status_code="404"/);
    expect(text).not.toMatch(/no-such-path/);
  });
});
