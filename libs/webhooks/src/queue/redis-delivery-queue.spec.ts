import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisConfig } from '@app/config';
import { type RedisCluster, type RedisServer, startRedisCluster, startRedisSentinel, startRedisServer } from '@app/testing';
import type { AttemptResult } from '../delivery/webhook-delivery';
import { createWebhookEvent, type WebhookEvent } from '../webhook-event';
import type { AttemptRunner } from './delivery-queue';
import { RedisDeliveryQueue } from './redis-delivery-queue';

const SETTINGS = { retryScheduleMs: [20, 40], deadLetterTtlSeconds: 3600, concurrency: 4, stalledRecoveryMs: 1000 };
const event = (): WebhookEvent =>
  createWebhookEvent('upload.completed', {
    uploadId: `upl_${randomBytes(4).toString('hex')}`,
    userId: 'alice',
    provider: 'aliyun-vod',
    kind: 'aliyun-vod-video',
    status: 'uploaded',
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:01.000Z',
  });

/** A runner that answers from a script and records every attempt; resolves `settled` per event when it is done or dead. */
function scriptedRunner(answer: (event: WebhookEvent, attempt: number) => AttemptResult['verdict']) {
  const attempts: { id: string; number: number; last: boolean }[] = [];
  const finished = new Map<string, () => void>();
  const run: AttemptRunner = async (event, attempt) => {
    attempts.push({ id: event.id, number: attempt.number, last: attempt.last });
    const verdict = answer(event, attempt.number);
    const final = verdict === 'done' || (verdict !== 'interrupted' && attempt.last);
    if (final) setImmediate(() => finished.get(event.id)?.());
    return { verdict: verdict === 'retry' && attempt.last ? 'dead-letter' : verdict, reason: `HTTP 50${attempt.number}` };
  };
  const settled = (id: string) => new Promise<void>((resolve) => finished.set(id, resolve));
  return { run, attempts, settled };
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(RedisDeliveryQueue.name, () => {
  let server: RedisServer;
  let config: RedisConfig;
  const queues: RedisDeliveryQueue[] = [];
  /** Connected, as the module leaves it at boot: queueing fails fast while the connection is down. */
  const open = async (redis = config) => {
    const queue = new RedisDeliveryQueue(redis, SETTINGS);
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

  it('retries on the schedule, then keeps the event as a dead letter with its reason; redelivery starts a fresh schedule', async () => {
    const sut = await open();
    let fixed = false;
    const runner = scriptedRunner(() => (fixed ? 'done' : 'retry'));
    sut.start(runner.run);
    const failing = event();
    const deadLettered = runner.settled(failing.id);
    await sut.enqueue(failing);
    await deadLettered;
    await eventually(async () => (await sut.stats()).deadLetters === 1, 'the dead letter');

    expect(runner.attempts).toEqual([
      { id: failing.id, number: 1, last: false },
      { id: failing.id, number: 2, last: false },
      { id: failing.id, number: 3, last: true },
    ]);
    expect(await sut.deadLetters(10)).toEqual([
      {
        id: failing.id,
        type: 'upload.completed',
        queuedAt: failing.queuedAt,
        failedAt: expect.any(Number),
        attempts: 3,
        reason: 'HTTP 503',
      },
    ]);
    expect(await sut.stats()).toEqual({ waiting: 0, delayed: 0, active: 0, deadLetters: 1, oldestPendingSince: undefined });

    fixed = true;
    const redelivered = runner.settled(failing.id);
    expect(await sut.redeliver(failing.id)).toBe(true);
    await redelivered;
    expect(runner.attempts.at(-1)).toEqual({ id: failing.id, number: 1, last: false });
    await eventually(async () => (await sut.stats()).deadLetters === 0, 'the dead letter to leave');
    expect(await sut.redeliver(failing.id)).toBe(false);
    expect(await sut.redeliver('msg_unknown')).toBe(false);
  });

  it('redelivers every dead letter at once', async () => {
    const sut = await open();
    let fixed = false;
    const runner = scriptedRunner(() => (fixed ? 'done' : 'retry'));
    sut.start(runner.run);
    const events = [event(), event(), event()];
    const dead = events.map((each) => runner.settled(each.id));
    for (const each of events) await sut.enqueue(each);
    await Promise.all(dead);
    await eventually(async () => (await sut.stats()).deadLetters === 3, 'three dead letters');

    fixed = true;
    const delivered = events.map((each) => runner.settled(each.id));
    expect(await sut.redeliverAll()).toBe(3);
    await Promise.all(delivered);
    await eventually(async () => (await sut.stats()).deadLetters === 0, 'no dead letters');
  });

  it('reports when the oldest pending event was queued, and forgets index entries whose job is gone', async () => {
    const sut = await open();
    const early = { ...event(), queuedAt: Date.now() - 60_000 };
    await sut.enqueue(early);
    await sut.enqueue(event());
    expect(await sut.stats()).toMatchObject({ waiting: 2, oldestPendingSince: early.queuedAt });

    // An entry left by a crash between indexing and queueing names no job: it is dropped, not reported.
    const inspector = new Redis(server.url);
    const index = `${config.keyPrefix}{webhooks}:pending-since`;
    await inspector.zadd(index, 1, 'msg_never_queued');
    expect((await sut.stats()).oldestPendingSince).toBe(early.queuedAt);
    expect(await inspector.zscore(index, 'msg_never_queued')).toBeNull();

    const runner = scriptedRunner(() => 'done');
    const delivered = runner.settled(early.id);
    sut.start(runner.run);
    await delivered;
    await eventually(async () => (await inspector.zscore(index, early.id)) === null, 'the delivered event to leave the index');
    inspector.disconnect();
  });

  it('hands an attempt cut by shutdown back untouched (not counted as a try), for another replica to deliver', async () => {
    const first = await open();
    let release: (() => void) | undefined;
    first.start(
      (_event, _attempt, shutdown) =>
        new Promise((resolve) => {
          release = () => resolve({ verdict: 'interrupted', reason: 'cut by a shutdown' });
          shutdown.addEventListener('abort', release, { once: true });
        }),
    );
    const cut = event();
    await first.enqueue(cut);
    await eventually(async () => release !== undefined, 'the attempt to start');
    await first.stop(50);

    const second = await open();
    const runner = scriptedRunner(() => 'done');
    const delivered = runner.settled(cut.id);
    second.start(runner.run);
    await delivered;
    expect(runner.attempts).toEqual([{ id: cut.id, number: 1, last: false }]);
  });

  it('rides out a Redis outage: queueing fails fast meanwhile, and the events already queued are delivered after', async () => {
    const sut = await open();
    let tries = 0;
    const runner = scriptedRunner(() => (++tries === 1 ? 'retry' : 'done'));
    sut.start(runner.run);
    const queued = event();
    const delivered = runner.settled(queued.id);
    await sut.enqueue(queued);
    await eventually(async () => tries === 1, 'the first attempt');
    server.pause();
    try {
      const started = Date.now();
      await expect(sut.enqueue(event())).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3 * 500 + 200);
    } finally {
      server.resume();
    }
    await delivered;
    expect(runner.attempts.map((attempt) => attempt.number)).toEqual([1, 2]);
  });

  it('refuses to queue within a few command timeouts when Redis is gone', async () => {
    const sut = new RedisDeliveryQueue({ ...config, mode: 'standalone', url: 'redis://127.0.0.1:1', commandTimeoutMs: 50 }, SETTINGS);
    queues.push(sut);
    expect(await sut.waitUntilReady(50)).toBe(false);
    const started = Date.now();
    await expect(sut.enqueue(event())).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('works through Sentinel', async () => {
    const sentinel = await startRedisSentinel(server.port, 'webhooks-master');
    try {
      const { keyPrefix, commandTimeoutMs, connectTimeoutMs, tls } = config;
      const sentinels = [{ host: '127.0.0.1', port: sentinel.port }];
      const sut = await open({ mode: 'sentinel', sentinels, name: 'webhooks-master', keyPrefix, commandTimeoutMs, connectTimeoutMs, tls });
      const runner = scriptedRunner(() => 'done');
      sut.start(runner.run);
      const one = event();
      const delivered = runner.settled(one.id);
      await sut.enqueue(one);
      await delivered;
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
    );
    try {
      expect(await sut.waitUntilReady(5_000)).toBe(true);
      let fixed = false;
      const runner = scriptedRunner(() => (fixed ? 'done' : 'retry'));
      sut.start(runner.run);
      const one = event();
      const dead = runner.settled(one.id);
      await sut.enqueue(one);
      await dead;
      await eventually(async () => (await sut.stats()).deadLetters === 1, 'the dead letter');
      fixed = true;
      const delivered = runner.settled(one.id);
      expect(await sut.redeliver(one.id)).toBe(true);
      await delivered;
      expect(runner.attempts.map((attempt) => attempt.number)).toEqual([1, 2, 3, 1]);
    } finally {
      await sut.close();
    }
  });
});
