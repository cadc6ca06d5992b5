import { once } from 'node:events';
import { FixtureModule, slowRequests } from './support/fixture.module';
import { spawnService } from './support/spawn-service';
import { startTestApp, TEST_JWT_SECRET } from './support/test-app';

describe('Graceful shutdown', () => {
  it('lets an in-flight request finish and stops accepting new ones', async () => {
    const sut = await startTestApp({ imports: [FixtureModule] });
    let finishedAt = 0;
    const started = once(slowRequests, 'started');
    const inFlight = fetch(`${sut.url}/test-fixture/slow?ms=1500`, { method: 'POST' }).then((response) => {
      finishedAt = Date.now();
      return response;
    });
    await started;
    const closing = sut.close();
    // Nest runs its shutdown hooks before closing the listener: poll until new requests are turned away.
    let refusedAt = 0;
    while (!refusedAt) {
      const outcome = await fetch(`${sut.url}/healthz`).then(
        async (response) => {
          // Turned away while the listener is still open: a problem like any other answer.
          if (response.status === 503) expect(await response.json()).toMatchObject({ code: 'SHUTTING_DOWN' });
          return response.status;
        },
        () => 'refused',
      );
      if (outcome === 'refused' || outcome === 503) refusedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 20));
      if (finishedAt) break;
    }
    const response = await inFlight;
    await closing;
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThan(finishedAt);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ waitedMs: 1500 });
  });

  it('exits cleanly on SIGTERM', async () => {
    const service = spawnService({ NODE_ENV: 'test', PORT: '0', AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info' });
    const port = await service.listening;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.stdout()).toContain('"msg":"shutdown complete"');
    // A process that compiles TypeScript as it starts: seconds on a busy 2-core machine.
  }, 20_000);
});

describe('Boot', () => {
  it('refuses to start in production without a JWT key source, naming the variable and not the values', async () => {
    const service = spawnService({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:1', REDIS_PASSWORD: 'hunter2-but-secret' });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toMatch(/AUTH_JWT_SECRET: is required in production/);
    expect(service.stderr()).not.toContain('hunter2-but-secret');
  });
});
