import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type RedisServer, startRedisServer } from '@app/testing';
import { DeliveryQueue, webhookId } from '@app/webhooks';
import { post, type JsonResponse } from './support/aliyun-test-env';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, TEST_CACHE_KEY, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';
import { until } from './support/until';
import { newWebhookSecret, WebhookReceiver } from './support/webhook-receiver';

const SECRET = newWebhookSecret();
const VIDEO = { title: 'Kept across a restart', fileName: 'clip.mp4' };
/** AOF, every write on disk before Redis answers it: what the test checks depends on no timing. */
const AOF_ALWAYS = ['--appendonly', 'yes', '--appendfsync', 'always'];
/** An attempt every 2 s, 30 times: a receiver may stay down for a minute before any event would give up. */
const RETRY_SCHEDULE = Array.from({ length: 30 }, () => '2s').join(',');

type Upload = { user: string; uploadId: string };

/** Redis in `dir`, the app on it with webhooks to `receiver`, the cloud emulator behind it. */
async function appOn(redis: RedisServer, cloud: TestCloud, receiver: WebhookReceiver): Promise<TestApp> {
  return startTestApp({
    env: {
      ...cloud.env,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'persist:',
      CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
      REDIS_COMMAND_TIMEOUT_MS: '2000',
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_RETRY_SCHEDULE: RETRY_SCHEDULE,
      WEBHOOK_STALLED_RECOVERY_MS: '1000',
    },
  });
}

/** Whether the webhook worker's blocking connection waits on Redis (BZPOPMIN) again. */
async function workerWaiting(redis: RedisServer): Promise<boolean> {
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 0 });
  try {
    return /cmd=bzpopmin/.test(String(await admin.client('LIST')));
  } finally {
    admin.disconnect();
  }
}

/**
 * Stops Redis as `docker compose restart` does (SIGTERM), starts it again from its directory, and waits until the
 * app has reconnected: its store answers, and its webhook worker waits on Redis again. Closing the app while that
 * worker's blocking connection is between two reconnect attempts hangs in BullMQ's Worker.close(), which waits for
 * an 'end' event a socketless ioredis client never emits (as in taskforcesh/bullmq#4656).
 */
async function restart(redis: RedisServer, sut: TestApp): Promise<void> {
  const ready = async () => (await fetch(`${sut.url}/readyz`)).status;
  await redis.shutdown();
  await until(async () => (await ready()) === 503, 5_000, 'the app to notice Redis is gone');
  await redis.start();
  await until(async () => (await ready()) === 200, 10_000, 'the app to reconnect to Redis');
  await until(() => workerWaiting(redis), 10_000, 'the webhook worker to reconnect to Redis');
}

describe('Nothing lost across a Redis restart (AOF, appendfsync always)', () => {
  let dir: string;
  let redis: RedisServer;
  let cloud: TestCloud;
  let receiver: WebhookReceiver;
  let sut: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'persistence-'));
    [redis, cloud, receiver] = await Promise.all([startRedisServer({ dir, args: AOF_ALWAYS }), startTestCloud(), WebhookReceiver.start()]);
    // The app backend is down: every webhook waits in the queue, retried.
    await receiver.down();
    sut = await appOn(redis, cloud, receiver);
  });
  afterAll(async () => {
    await sut?.close();
    await receiver?.down();
    await cloud?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const videos = () => `${sut.url}/v1/uploads/aliyun-vod/videos`;
  const record = async ({ user, uploadId }: Upload) => {
    const response = await fetch(`${sut.url}/v1/uploads/${uploadId}`, { headers: sut.bearer(user) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const createKeyed = (key: string) => post(videos(), VIDEO, { ...sut.bearer('alice'), 'idempotency-key': key });
  const created = (response: JsonResponse) => {
    expect(response.status).toBe(201);
    return response.body;
  };
  const createdJson = async (response: Response) => {
    expect(response.status).toBe(201);
    return (await response.json()) as Record<string, string>;
  };
  const pending = async () => {
    const queue = sut.app.get(DeliveryQueue);
    // After the restart the queue's fail-fast connection may still be reconnecting (a busy machine).
    expect(await queue.waitUntilReady(20_000)).toBe(true);
    const { waiting, delayed, active, deadLetters } = await queue.stats();
    return { pending: waiting + delayed + active, deadLetters };
  };

  it('keeps every record, idempotent answer, session and queued webhook, and delivers the webhooks once the receiver is up', async () => {
    const tencent = tencentVodApi(sut);
    const keys = Array.from({ length: 5 }, (_, i) => `persist-${i}`);
    const keyed = await Promise.all(keys.map((key) => createKeyed(key).then(created)));
    const plain = await Promise.all([1, 2, 3].map(() => post(videos(), VIDEO, sut.bearer('bob')).then(created)));
    const applied = await Promise.all([1, 2].map(async () => createdJson(await tencent.apply('carol'))));
    const signed = await Promise.all([1, 2].map(async () => createdJson(await tencent.sign('dave'))));
    const revoked = plain[2];
    expect((await fetch(`${sut.url}/v1/uploads/${revoked.uploadId}`, { method: 'DELETE', headers: sut.bearer('bob') })).status).toBe(204);

    const uploads: Upload[] = [
      ...keyed.map((body) => ({ user: 'alice', uploadId: body.uploadId })),
      ...plain.map((body) => ({ user: 'bob', uploadId: body.uploadId })),
      ...applied.map((body) => ({ user: 'carol', uploadId: body.uploadId })),
      ...signed.map((body) => ({ user: 'dave', uploadId: body.uploadId })),
    ];
    const recordsBefore = await Promise.all(uploads.map(record));
    expect(recordsBefore.map((answer) => answer.status)).toEqual(uploads.map(() => 200));
    // Every response above came after its event was queued: these are in Redis now.
    const queued = new Set([
      ...uploads.map(({ uploadId }) => webhookId('upload.created', uploadId)),
      webhookId('upload.revoked', revoked.uploadId),
    ]);
    expect(await pending()).toEqual({ pending: queued.size, deadLetters: 0 });
    const createsBefore = cloud.emulator.server.calls('aliyun-vod', 'CreateUploadVideo');

    await restart(redis, sut);

    // Every queued webhook is still queued.
    expect(await pending()).toEqual({ pending: queued.size, deadLetters: 0 });
    // Every record, as it was (the revocation too).
    const recordsAfter = await Promise.all(uploads.map(record));
    expect(recordsAfter).toEqual(recordsBefore);
    const listed = await fetch(`${sut.url}/v1/uploads?limit=100`, { headers: sut.bearer('alice') });
    expect(((await listed.json()) as { items: { uploadId: string }[] }).items.map((item) => item.uploadId).sort()).toEqual(
      keyed.map((body) => body.uploadId).sort(),
    );
    // Every idempotent answer: the same ids and credential, replayed, no second video at the provider.
    const replays = await Promise.all(keys.map(createKeyed));
    for (const [i, replay] of replays.entries()) {
      expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
      expect(replay.body).toEqual(keyed[i]);
    }
    expect(cloud.emulator.server.calls('aliyun-vod', 'CreateUploadVideo')).toBe(createsBefore);
    // Live uploads go on: a refresh (the provider id's link), a commit (the sealed session), the next signature of a session.
    const refresh = (videoId: string, user: string) => post(`${videos()}/${videoId}/refresh`, undefined, sut.bearer(user));
    for (const body of [...keyed, ...plain.slice(0, 2)]) {
      const refreshed = await refresh(body.videoId, keyed.includes(body) ? 'alice' : 'bob');
      expect([refreshed.status, refreshed.body.videoId]).toEqual([200, body.videoId]);
    }
    const refused = await refresh(revoked.videoId, 'bob');
    expect([refused.status, refused.body.code]).toEqual([410, 'UPLOAD_REVOKED']);
    for (const { uploadId } of applied) expect((await tencent.commit('carol', uploadId)).status).toBe(200);
    for (const { uploadId } of signed) {
      expect((await createdJson(await tencent.sign('dave', { uploadId }))).uploadId).toBe(uploadId);
    }

    // The app backend comes back: everything queued before the restart arrives, signed, each id once or repeated.
    await receiver.listen();
    await receiver.until(() => [...queued].every((id) => receiver.ids().has(id)), 20_000, 'every webhook queued before the restart');
    const afterRestart = new Set(applied.map(({ uploadId }) => webhookId('upload.completed', uploadId)));
    await receiver.until(() => [...afterRestart].every((id) => receiver.ids().has(id)), 20_000, 'the commits’ webhooks');
    for (const delivery of receiver.deliveries) expect(() => WebhookReceiver.verify(delivery, SECRET)).not.toThrow();
    expect([...receiver.ids()].filter((id) => !queued.has(id) && !afterRestart.has(id))).toEqual([]);
    const duplicates = receiver.deliveries.length - receiver.ids().size;
    await until(async () => (await pending()).pending === 0, 10_000, 'the queue to empty');
    expect((await pending()).deadLetters).toBe(0);

    console.log(
      `persistence: Redis restarted (SIGTERM, AOF appendfsync always); ${recordsAfter.length} records checked, ` +
        `${replays.length} idempotent replays, ${applied.length} commits and ${signed.length} session signatures after the restart; ` +
        `${queued.size} webhooks queued before it, ${receiver.ids().size} delivered, ${duplicates} duplicates`,
    );
  }, 90_000);

  it('said at start what it keeps in Redis, and that Redis keeps it by AOF', () => {
    const line = sut.logs.entries().find((entry) => String(entry.msg).startsWith('Redis keeps upload records'));
    expect(line).toMatchObject({ level: 'info', context: 'Store', msg: expect.stringMatching(/Persistence: AOF \(appendfsync always\)$/) });
  });
});

describe('The same restart without persistence (the former Compose settings)', () => {
  it('loses the record: what the test above checks can fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-persistence-'));
    const [redis, cloud, receiver] = await Promise.all([startRedisServer({ dir }), startTestCloud(), WebhookReceiver.start()]);
    const sut = await appOn(redis, cloud, receiver);
    try {
      const { uploadId } = (await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer('erin'))).body;
      const status = async () => (await fetch(`${sut.url}/v1/uploads/${uploadId}`, { headers: sut.bearer('erin') })).status;
      expect(await status()).toBe(200);
      await restart(redis, sut);
      expect(await status()).toBe(404);
    } finally {
      await sut.close();
      await Promise.all([receiver.down(), cloud.close(), redis.stop()]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
