import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { EncryptionKey, RedisConfig } from '@app/config';
import { type RedisServer, startRedisServer } from '@app/testing';
import { eventually, failing, ScriptedRunner, testCipher, testEncryptionKey, testEvent } from '../testing/delivery-queue-test-helpers';
import type { WebhookEvent } from '../webhook-event';
import { RedisDeliveryQueue } from './redis-delivery-queue';

// Job bodies name users, uploads and file URLs: in Redis they are sealed with the cache keys, bound to
// their job. What is read here is Redis itself, as someone with a copy of it would.

const SETTINGS = { retryScheduleMs: [20], deadLetterTtlSeconds: 3600, concurrency: 4, stalledRecoveryMs: 1000 };
const UNREADABLE = 'job body does not open: tampered with, moved from another job, or sealed with a retired key';

/** An event whose body names a user, an upload and a file URL that appear nowhere else. */
function revealingEvent(): { event: WebhookEvent; secrets: string[] } {
  const userId = `user-${randomBytes(6).toString('hex')}`;
  const fileUrl = `https://media.example.com/${randomBytes(6).toString('hex')}.mp4`;
  const event = testEvent();
  const body = JSON.parse(event.body) as { data: Record<string, unknown> };
  Object.assign(body.data, { userId, fileUrl });
  return { event: { ...event, body: JSON.stringify(body) }, secrets: [userId, fileUrl, body.data.uploadId as string] };
}

describe(`${RedisDeliveryQueue.name}: bodies sealed at rest`, () => {
  let server: RedisServer;
  let inspector: Redis;
  let config: RedisConfig;
  const key = testEncryptionKey();
  const queues: RedisDeliveryQueue[] = [];
  const open = async (keys: EncryptionKey[] = [key], settings = SETTINGS) => {
    const queue = new RedisDeliveryQueue(config, settings, testCipher(...keys));
    queues.push(queue);
    await queue.waitUntilReady(2_000);
    return queue;
  };
  const jobKey = (id: string) => `${config.keyPrefix}{webhooks}:deliveries:${id}`;

  /** Every key under the queue's prefix with everything it holds, whatever its type. */
  async function everythingInRedis(): Promise<string> {
    const keys = await inspector.keys(`${config.keyPrefix}*`);
    const dumped = await Promise.all(
      keys.map(async (each) => {
        const type = await inspector.type(each);
        if (type === 'string') return [each, await inspector.get(each)];
        if (type === 'hash') return [each, await inspector.hgetall(each)];
        if (type === 'zset') return [each, await inspector.zrange(each, '0', '-1', 'WITHSCORES')];
        if (type === 'list') return [each, await inspector.lrange(each, 0, -1)];
        if (type === 'set') return [each, await inspector.smembers(each)];
        if (type === 'stream') return [each, await inspector.xrange(each, '-', '+')];
        throw new Error(`unexpected type ${type} at ${each}`);
      }),
    );
    expect(keys.length).toBeGreaterThan(0);
    return JSON.stringify(dumped);
  }

  beforeAll(async () => {
    server = await startRedisServer();
    inspector = new Redis(server.url);
  });
  beforeEach(() => {
    config = {
      mode: 'standalone',
      url: server.url,
      keyPrefix: `s${randomBytes(3).toString('hex')}:`,
      commandTimeoutMs: 1000,
      connectTimeoutMs: 1000,
      tls: false,
    };
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
  });
  afterAll(async () => {
    inspector.disconnect();
    await server.stop();
  });

  it('holds no body in clear, pending or as a dead letter, and delivers it as queued; the CLI lists the dead letter', async () => {
    const sut = await open();
    const { event, secrets } = revealingEvent();
    await sut.enqueue(event);
    const pending = await everythingInRedis();
    for (const secret of secrets) expect(pending).not.toContain(secret);
    expect(await inspector.hget(jobKey(event.id), 'data')).toMatch(/^\{"sealed":"v1\./);

    const runner = new ScriptedRunner(failing);
    sut.start(runner.run);
    await eventually(async () => expect((await sut.deadLetters(10)).map((letter) => letter.id)).toEqual([event.id]));
    expect(runner.events.map((each) => each.body)).toEqual([event.body, event.body]);
    const deadLetter = await everythingInRedis();
    for (const secret of secrets) expect(deadLetter).not.toContain(secret);
  });

  it('dead-letters a tampered body at once, never running it', async () => {
    const sut = await open();
    const { event } = revealingEvent();
    await sut.enqueue(event);
    const data = JSON.parse((await inspector.hget(jobKey(event.id), 'data'))!) as { sealed: string };
    const parts = data.sealed.split('.');
    parts[3] = Buffer.from(JSON.stringify({ type: 'upload.completed', data: { userId: 'mallory' } })).toString('base64url');
    await inspector.hset(jobKey(event.id), 'data', JSON.stringify({ ...data, sealed: parts.join('.') }));

    const runner = new ScriptedRunner(() => 'done');
    sut.start(runner.run);
    await eventually(async () =>
      expect(await sut.deadLetters(10)).toEqual([expect.objectContaining({ id: event.id, attempts: 1, reason: UNREADABLE })]),
    );
    expect(runner.attempts).toEqual([]);
  });

  it('dead-letters a body moved from another job, and still delivers that job', async () => {
    const sut = await open();
    const [from, to] = [revealingEvent().event, revealingEvent().event];
    await sut.enqueue(from);
    await sut.enqueue(to);
    await inspector.hset(jobKey(to.id), 'data', (await inspector.hget(jobKey(from.id), 'data'))!);

    const runner = new ScriptedRunner(() => 'done');
    sut.start(runner.run);
    await eventually(async () => expect((await sut.deadLetters(10)).map((letter) => letter.id)).toEqual([to.id]));
    await eventually(() => expect(runner.events).toEqual([expect.objectContaining({ id: from.id, body: from.body })]));
    expect(runner.attempts.map((attempt) => attempt.id)).not.toContain(to.id);
  });

  it('delivers a job queued before a key rotation while the old key is among the previous ones', async () => {
    const old = testEncryptionKey();
    const { event } = revealingEvent();
    const before = await open([old]);
    await before.enqueue(event);
    await before.close();

    const sut = await open([key, old]);
    const runner = new ScriptedRunner(() => 'done');
    sut.start(runner.run);
    await eventually(() => expect(runner.events).toEqual([event]));
  });

  it('dead-letters a job whose key was retired, and delivers it when redelivered with the key back', async () => {
    const old = testEncryptionKey();
    const { event } = revealingEvent();
    const before = await open([old]);
    await before.enqueue(event);
    await before.close();

    const retired = await open([key]);
    const runner = new ScriptedRunner(() => 'done');
    retired.start(runner.run);
    await eventually(async () =>
      expect(await retired.deadLetters(10)).toEqual([expect.objectContaining({ id: event.id, reason: UNREADABLE })]),
    );
    await retired.close();
    expect(runner.attempts).toEqual([]);

    const restored = await open([key, old]);
    restored.start(runner.run);
    expect(await restored.redeliver(event.id)).toBe(true);
    await eventually(() => expect(runner.events).toEqual([event]));
  });

  it('delivers a job queued in clear by an older version, and seals it for its retries', async () => {
    const { event, secrets } = revealingEvent();
    // As the previous version queued it: the body in clear, no envelope.
    const legacy = new Queue('deliveries', {
      connection: { host: '127.0.0.1', port: server.port },
      prefix: `${config.keyPrefix}{webhooks}`,
    });
    const options = { jobId: event.id, attempts: 2, backoff: { type: 'custom' } };
    await legacy.add(event.type, { body: event.body, queuedAt: event.queuedAt }, options);
    await legacy.close();
    expect(await inspector.hget(jobKey(event.id), 'data')).toContain(secrets[0]);

    const sut = await open();
    const runner = new ScriptedRunner(failing);
    sut.start(runner.run);
    await eventually(async () => expect((await sut.deadLetters(10)).map((letter) => letter.id)).toEqual([event.id]));
    expect(runner.events.map((each) => each.body)).toEqual([event.body, event.body]);
    const after = await everythingInRedis();
    for (const secret of secrets) expect(after).not.toContain(secret);
  });
});
