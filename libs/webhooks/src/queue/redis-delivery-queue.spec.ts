import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisConfig } from '@app/config';
import { type RedisCluster, type RedisServer, startRedisCluster, startRedisSentinel, startRedisServer } from '@app/testing';
import { eventually, failing, HeldAttempts, ScriptedRunner, testCipher, testEvent } from '../testing/delivery-queue-test-helpers';
import { RedisDeliveryQueue } from './redis-delivery-queue';

// What only Redis does: several instances share one queue, its index of pending events, outages,
// Sentinel and Cluster. What both queues promise is in delivery-queue.contract.spec.ts.

const SETTINGS = { retryScheduleMs: [20, 40], deadLetterTtlSeconds: 3600, concurrency: 4, stalledRecoveryMs: 1000 };

describe(RedisDeliveryQueue.name, () => {
  let server: RedisServer;
  let config: RedisConfig;
  const queues: RedisDeliveryQueue[] = [];
  /** One key for every instance, as replicas share CACHE_ENCRYPTION_KEY. */
  const cipher = testCipher();
  /** Connected, as the module leaves it at boot: queueing fails fast while the connection is down. */
  const open = async (redis = config) => {
    const queue = new RedisDeliveryQueue(redis, SETTINGS, cipher);
    queues.push(queue);
    await queue.waitUntilReady(2_000);
    return queue;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  beforeEach(() => {
    config = {
      mode: 'standalone',
      url: server.url,
      keyPrefix: `q${randomBytes(3).toString('hex')}:`,
      commandTimeoutMs: 500,
      connectTimeoutMs: 1000,
      tls: false,
    };
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
  });
  afterAll(() => server.stop());

  it('forgets index entries whose job is gone, and unindexes a delivered event', async () => {
    const sut = await open();
    const early = testEvent({ queuedAt: Date.now() - 60_000 });
    await sut.enqueue(early);

    // An entry left by a crash between indexing and queueing names no job: it is dropped, not reported.
    const inspector = new Redis(server.url);
    const index = `${config.keyPrefix}{webhooks}:pending-since`;
    await inspector.zadd(index, 1, 'msg_never_queued');
    expect((await sut.stats()).oldestPendingSince).toBe(early.queuedAt);
    expect(await inspector.zscore(index, 'msg_never_queued')).toBeNull();

    sut.start(new ScriptedRunner(() => 'done').run);
    await eventually(async () => expect(await inspector.zscore(index, early.id)).toBeNull());
    inspector.disconnect();
  });

  it('shares events between instances: one queues and closes, another delivers, the CLI’s own redelivers a dead letter', async () => {
    const publisher = await open();
    const one = testEvent();
    await publisher.enqueue(one);
    await publisher.close();

    const service = await open();
    const runner = new ScriptedRunner(failing);
    service.start(runner.run);
    const cli = await open();
    await eventually(async () => expect((await cli.deadLetters(10)).map((letter) => letter.id)).toEqual([one.id]));
    runner.script = () => 'done';
    expect(await cli.redeliver(one.id)).toBe(true);
    await eventually(() => expect(runner.numbers(one.id)).toEqual([1, 2, 3, 1]));
  });

  it('hands an attempt cut by shutdown back untouched (not counted as a try), for another replica to deliver', async () => {
    const first = await open();
    const held = new HeldAttempts();
    first.start(new ScriptedRunner((_event, _attempt, shutdown) => held.hold(shutdown)).run);
    const cut = testEvent();
    await first.enqueue(cut);
    await eventually(() => expect(held.count).toBe(1));
    await first.stop(50);
    expect(held.cut).toBe(1);

    const second = await open();
    const runner = new ScriptedRunner(() => 'done');
    second.start(runner.run);
    await eventually(() => expect(runner.attempts).toHaveLength(1));
    expect(runner.attempts[0]).toMatchObject({ id: cut.id, number: 1, last: false });
  });

  it('rides out a Redis outage: queueing fails fast meanwhile, and the events already queued are delivered after', async () => {
    const sut = await open();
    const runner = new ScriptedRunner((_event, attempt) => (attempt.number === 1 ? 'retry' : 'done'));
    sut.start(runner.run);
    const queued = testEvent();
    await sut.enqueue(queued);
    await eventually(() => expect(runner.attempts).toHaveLength(1));
    server.pause();
    try {
      const started = Date.now();
      await expect(sut.enqueue(testEvent())).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3 * 500 + 200);
    } finally {
      server.resume();
    }
    await eventually(() => expect(runner.numbers(queued.id)).toEqual([1, 2]));
  });

  it('refuses to queue within a few command timeouts when Redis is gone', async () => {
    const sut = new RedisDeliveryQueue(
      { ...config, mode: 'standalone', url: 'redis://127.0.0.1:1', commandTimeoutMs: 50 },
      SETTINGS,
      cipher,
    );
    queues.push(sut);
    expect(await sut.waitUntilReady(50)).toBe(false);
    const started = Date.now();
    await expect(sut.enqueue(testEvent())).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('is not ready while its connection is down after a restart of Redis, and ready once it is back', async () => {
    const own = await startRedisServer();
    try {
      const { keyPrefix, commandTimeoutMs, connectTimeoutMs, tls } = config;
      const sut = await open({ mode: 'standalone', url: own.url, keyPrefix, commandTimeoutMs, connectTimeoutMs, tls });
      expect(await sut.waitUntilReady(1_000)).toBe(true);
      await own.shutdown();
      // BullMQ's own readiness stays resolved from the first connection: the queue must not say ready now.
      expect(await sut.waitUntilReady(100)).toBe(false);
      await own.start();
      expect(await sut.waitUntilReady(10_000)).toBe(true);
      await expect(sut.stats()).resolves.toMatchObject({ deadLetters: 0 });
    } finally {
      await Promise.all(queues.splice(0).map((queue) => queue.close()));
      await own.stop();
    }
  });

  it('works through Sentinel', async () => {
    const sentinel = await startRedisSentinel(server.port, 'webhooks-master');
    try {
      const { keyPrefix, commandTimeoutMs, connectTimeoutMs, tls } = config;
      const sentinels = [{ host: '127.0.0.1', port: sentinel.port }];
      const sut = await open({ mode: 'sentinel', sentinels, name: 'webhooks-master', keyPrefix, commandTimeoutMs, connectTimeoutMs, tls });
      const runner = new ScriptedRunner(() => 'done');
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(() => expect(runner.numbers(one.id)).toEqual([1]));
    } finally {
      await Promise.all(queues.splice(0).map((queue) => queue.close()));
      await sentinel.stop();
    }
  });
});

describe(`${RedisDeliveryQueue.name} on a 3-master Redis Cluster`, () => {
  let cluster: RedisCluster;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
  }, 30_000);
  afterAll(() => cluster?.stop());

  it('queues, retries, dead-letters and redelivers: the {webhooks} hash tag keeps every key on one slot', async () => {
    const sut = new RedisDeliveryQueue(
      { mode: 'cluster', nodes: cluster.nodes, keyPrefix: 'ucb:', commandTimeoutMs: 500, connectTimeoutMs: 2000, tls: false },
      SETTINGS,
      testCipher(),
    );
    try {
      expect(await sut.waitUntilReady(5_000)).toBe(true);
      const runner = new ScriptedRunner(failing);
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect((await sut.stats()).deadLetters).toBe(1));
      runner.script = () => 'done';
      expect(await sut.redeliver(one.id)).toBe(true);
      await eventually(() => expect(runner.numbers(one.id)).toEqual([1, 2, 3, 1]));
    } finally {
      await sut.close();
    }
  });
});
