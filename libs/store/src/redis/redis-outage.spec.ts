import { freePort, type RedisServer, startRedisServer } from '@app/testing';
import type { Store } from '../store';
import { CapturingLogger, eventually, expectUnavailable, sleep, standaloneConfig } from '../testing/store-test-helpers';
import { RedisStore } from './redis-store';

/** Runs `call` and returns how long it took to settle, whatever the outcome. */
async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call().catch(() => undefined);
  return performance.now() - started;
}

function everyOperation(store: Store): (() => Promise<unknown>)[] {
  return [
    () => store.ping(),
    () => store.get('k'),
    () => store.set('k', 'v', 1_000),
    () => store.setIfAbsent('k', 'v', 1_000),
    () => store.delete('k'),
    () => store.deleteIfEquals('k', 'v'),
    () => store.rateLimit([{ key: 'rl', limit: 5, periodMs: 1_000 }]),
    () => store.reserveQuota('q', 5, 1_000),
    () => store.releaseQuota('q'),
    () => store.takeToken('tb', 10, 5),
  ];
}

describe('RedisStore during a Redis outage', () => {
  let server: RedisServer;
  let store: RedisStore;
  let logger: CapturingLogger;

  beforeEach(async () => {
    server = await startRedisServer();
    logger = new CapturingLogger();
    store = new RedisStore(standaloneConfig(server.url, { commandTimeoutMs: 200 }), { logger });
    expect(await store.waitUntilReady(2_000)).toBe(true);
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('fails every call fast with 503 while Redis is down, and recovers on its own when it returns', async () => {
    await store.set('k', 'before', 60_000);
    await server.stop();

    for (const operation of everyOperation(store)) {
      await expectUnavailable(operation());
      expect(await timed(operation)).toBeLessThan(1_000);
    }
    expect(store.isReady()).toBe(false);
    expect(logger.lines.filter((line) => line.startsWith('warn: store unavailable'))).toHaveLength(1);

    await server.start();
    await eventually(() => store.ping());
    expect(store.isReady()).toBe(true);
    // A new server: nothing survived, and the scripts must be loaded again (NOSCRIPT fallback).
    expect(await store.get('k')).toBeNull();
    expect((await store.rateLimit([{ key: 'rl', limit: 1, periodMs: 60_000 }])).allowed).toBe(true);
    expect(await store.reserveQuota('q', 1, 60_000)).toEqual({ allowed: true, used: 1 });
    expect(logger.lines).toContain(`log: store reconnected to redis 127.0.0.1:${server.port}`);
  });

  it('times out calls to a Redis that accepts the connection but does not answer', async () => {
    server.pause();
    try {
      for (const operation of everyOperation(store).slice(0, 3)) {
        await expectUnavailable(operation());
      }
      // commandTimeoutMs is 200: bounded, not hanging.
      expect(await timed(() => store.rateLimit([{ key: 'rl', limit: 5, periodMs: 1_000 }]))).toBeLessThan(1_000);
    } finally {
      server.resume();
    }
    await eventually(() => store.ping());
  });
});

describe('RedisStore when Redis stalls or comes back', () => {
  let server: RedisServer;
  let store: RedisStore;

  beforeEach(async () => {
    server = await startRedisServer();
    store = new RedisStore(standaloneConfig(server.url, { commandTimeoutMs: 200 }), { logger: new CapturingLogger() });
    expect(await store.waitUntilReady(2_000)).toBe(true);
  });

  afterEach(async () => {
    server.resume();
    await store.close();
    await server.stop();
  });

  it('bounds every call by the command timeout while Redis stalls, however many are queued, and says it is not ready', async () => {
    server.pause();
    const settledAfter: Promise<number>[] = [];
    for (let i = 0; i < 12; i++) {
      settledAfter.push(timed(() => store.rateLimit([{ key: 'stalled', limit: 100, periodMs: 1_000 }])));
      await sleep(50);
    }
    // Each call is bounded by its own timeout, not by a stalled call sent before it (as an autopipelined batch once was).
    for (const elapsed of await Promise.all(settledAfter)) expect(elapsed).toBeLessThan(200 + 150);
    expect(store.isReady()).toBe(false);
    server.resume();
    await eventually(() => store.ping(), 2_000);
  });

  it('is back within about half a second of Redis answering again, after a long outage', async () => {
    await server.stop();
    // Long enough for the reconnect backoff to reach its cap.
    await sleep(3_500);
    await server.start();
    const back = performance.now();
    expect(await store.waitUntilReady(2_000)).toBe(true);
    expect(performance.now() - back).toBeLessThan(800);
  });
});

describe('RedisStore pointed at a closed port', () => {
  it('rejects with 503 at once and logs no credentials', async () => {
    const port = await freePort();
    const logger = new CapturingLogger();
    const store = new RedisStore(standaloneConfig(`redis://app-user:s3cret-pw@127.0.0.1:${port}`, { password: 'other-s3cret' }), {
      logger,
    });
    try {
      expect(await store.waitUntilReady(300)).toBe(false);
      expect(await timed(() => store.ping())).toBeLessThan(1_000);
      const error = await expectUnavailable(store.get('k'));
      expect(error.details.cause).toBeInstanceOf(Error);
      expect(logger.lines.join('\n')).toContain(`store unavailable: redis 127.0.0.1:${port}`);
      expect(logger.lines.join('\n')).not.toMatch(/s3cret|app-user/);
    } finally {
      await store.close();
    }
  });
});
