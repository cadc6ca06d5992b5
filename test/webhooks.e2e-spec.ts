import { captureCli } from '@app/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiError } from '@app/common';
import { DeliveryQueue, WebhookPublisher } from '@app/webhooks';
import { runWebhooksCli, USAGE } from '../apps/upload-api/src/cli/webhooks-cli';
import { deliveriesOf, documentedEventValidator, queueInRedis, queueSettled, testUpload } from './support/webhook-helpers';
import { newWebhookSecret, WebhookReceiver } from './support/webhook-receiver';
import { startTestApp, TEST_CACHE_KEY, type TestApp } from './support/test-app';

const SECRET = newWebhookSecret();
const PREVIOUS_SECRET = newWebhookSecret();
const TIMEOUT_MS = 400;

describe('App webhooks (real app, real Redis, a real HTTP receiver)', () => {
  let receiver: WebhookReceiver;
  let sut: TestApp;
  let publisher: WebhookPublisher;
  let queue: DeliveryQueue;
  /** The CLI's environment: the same Redis and key prefix as the app. */
  let cliEnv: Record<string, string | undefined>;

  const cli = (...argv: string[]) => captureCli((out) => runWebhooksCli(argv, cliEnv, out));

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    sut = await startTestApp({
      redis: true,
      env: {
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_PREVIOUS_SECRETS: PREVIOUS_SECRET,
        WEBHOOK_RETRY_SCHEDULE: '100ms,200ms',
        WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    publisher = sut.app.get(WebhookPublisher);
    queue = sut.app.get(DeliveryQueue);
    cliEnv = {
      NODE_ENV: 'test',
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: sut.config.store.keyPrefix,
      CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
    };
  });
  afterAll(async () => {
    await sut.close();
    await receiver.down();
  });
  beforeEach(() => {
    receiver.behaviour = () => 204;
  });

  it('delivers every event type, verifiable with standardwebhooks under the current and the previous secret, as documented', async () => {
    const validate = documentedEventValidator();
    const published = [
      { type: 'upload.created', upload: testUpload({ status: 'issued', videoId: undefined, size: undefined }) },
      { type: 'upload.completed', upload: testUpload({ fileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4' }) },
      {
        type: 'upload.failed',
        upload: testUpload({ provider: 'tencent-vod', kind: 'tencent-vod-media', status: 'failed', fileId: '2482081045' }),
      },
      {
        type: 'upload.revoked',
        upload: testUpload({ provider: 'aliyun-ims', kind: 'aliyun-ims-media', status: 'revoked', mediaId: 'm1' }),
      },
    ] as const;
    // Whatever else a caller's record carries (a credential) never reaches the body.
    for (const { type, upload } of published) await publisher.publish(type, { ...upload, uploadAuth: 'c2VjcmV0' } as typeof upload);
    await receiver.until(() => published.every(({ upload }) => deliveriesOf(receiver.deliveries, upload.uploadId).length > 0));

    for (const { type, upload } of published) {
      const [delivery] = deliveriesOf(receiver.deliveries, upload.uploadId);
      expect(delivery.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Math.abs(Number(delivery.timestamp) - Date.now() / 1000)).toBeLessThan(10);
      expect(delivery.signature.split(' ')).toHaveLength(2);
      const body = WebhookReceiver.verify(delivery, SECRET);
      expect(WebhookReceiver.verify(delivery, PREVIOUS_SECRET)).toEqual(body);
      expect(() => WebhookReceiver.verify(delivery, newWebhookSecret())).toThrow('No matching signature found');
      expect(validate(body)).toEqual([]);
      expect(body).toEqual({ type, timestamp: expect.any(String), data: upload });
      expect(delivery.body).not.toContain('c2VjcmV0');
    }
    expect(receiver.ids().size).toBeGreaterThanOrEqual(4);
  });

  it('gives an event published twice (a lifecycle step retried) one webhook-id', async () => {
    const upload = testUpload();
    await publisher.publish('upload.completed', upload);
    await publisher.publish('upload.completed', { ...upload, size: 2048 });
    await receiver.until(() => deliveriesOf(receiver.deliveries, upload.uploadId).length > 0);
    await queueSettled(queue);
    expect(new Set(deliveriesOf(receiver.deliveries, upload.uploadId).map((delivery) => delivery.id)).size).toBe(1);
  });

  it('retries a receiver that fails twice: three attempts with one webhook-id, each signed for its own time', async () => {
    const upload = testUpload();
    receiver.behaviour = (delivery) => (delivery.attempt <= 2 ? 503 : 200);
    await publisher.publish('upload.completed', upload);
    await receiver.until(() => deliveriesOf(receiver.deliveries, upload.uploadId).length >= 3);
    await queueSettled(queue);

    const attempts = deliveriesOf(receiver.deliveries, upload.uploadId);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((attempt) => attempt.id)).size).toBe(1);
    for (const attempt of attempts) expect(WebhookReceiver.verify(attempt, SECRET)).toMatchObject({ data: upload });
    // WEBHOOK_RETRY_SCHEDULE=100ms,200ms, each jittered by up to 20%.
    expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(75);
    expect(attempts[2].receivedAt - attempts[1].receivedAt).toBeGreaterThanOrEqual(155);
  });

  it('stops retrying an event the receiver answers 410 Gone, without making it a dead letter', async () => {
    const upload = testUpload();
    receiver.behaviour = () => 410;
    await publisher.publish('upload.completed', upload);
    await receiver.until(() => deliveriesOf(receiver.deliveries, upload.uploadId).length >= 1);
    await queueSettled(queue);

    const [attempt] = deliveriesOf(receiver.deliveries, upload.uploadId);
    expect(deliveriesOf(receiver.deliveries, upload.uploadId)).toHaveLength(1);
    expect((await queue.deadLetters(100)).map((letter) => letter.id)).not.toContain(attempt.id);
  });

  it('cuts a receiver that never answers at WEBHOOK_TIMEOUT_MS, then retries', async () => {
    const upload = testUpload();
    receiver.behaviour = (delivery) => (delivery.attempt === 1 ? 'hang' : 204);
    await publisher.publish('upload.completed', upload);
    await receiver.until(() => deliveriesOf(receiver.deliveries, upload.uploadId).length >= 2);

    const [first, second] = deliveriesOf(receiver.deliveries, upload.uploadId);
    expect(second.id).toBe(first.id);
    // The cut attempt, then the first retry delay (100 ms, jittered).
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(TIMEOUT_MS + 75);
    expect(second.receivedAt - first.receivedAt).toBeLessThan(TIMEOUT_MS + 1_500);
    expect(await (await fetch(`${sut.url}/metrics`)).text()).toMatch(
      /upload_bff_webhook_deliveries_total\{type="upload.completed",outcome="timeout"\} [1-9]/,
    );
  });

  it('never makes requests wait on a slow receiver: publishing and serving stay fast while deliveries hang', async () => {
    receiver.behaviour = () => 'hang';
    const uploads = Array.from({ length: 5 }, () => testUpload());
    for (const upload of uploads) {
      const started = performance.now();
      await publisher.publish('upload.created', upload);
      expect(performance.now() - started).toBeLessThan(250);
    }
    await receiver.until(() => uploads.every((upload) => deliveriesOf(receiver.deliveries, upload.uploadId).length > 0));
    const started = performance.now();
    expect((await fetch(`${sut.url}/healthz`)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(250);
    receiver.behaviour = () => 204;
    await queueSettled(queue);
  });

  it('keeps an event whose every retry failed as a dead letter, which the CLI lists and redelivers with the same webhook-id', async () => {
    const upload = testUpload({
      userId: `user-${randomBytes(6).toString('hex')}`,
      fileUrl: `https://media.example.com/${randomBytes(6).toString('hex')}.mp4`,
    });
    let receiverFixed = false;
    receiver.behaviour = () => (receiverFixed ? 204 : 500);
    await publisher.publish('upload.failed', upload);
    await receiver.until(() => deliveriesOf(receiver.deliveries, upload.uploadId).length >= 3);
    await queueSettled(queue);
    const id = deliveriesOf(receiver.deliveries, upload.uploadId)[0].id;
    // Sealed at rest (CACHE_ENCRYPTION_KEY): nothing of the body in clear in the queue's keys.
    const atRest = await queueInRedis(sut.config.store.keyPrefix, 'webhooks');
    for (const revealing of [upload.uploadId, upload.userId, upload.fileUrl!]) expect(atRest).not.toContain(revealing);

    const listed = await cli('failed');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(new RegExp(`${id}  upload.failed  failed \\S+  after 3 attempts  HTTP 500`));
    expect((await cli('failed', '--json')).stdout).toContain(`"id": "${id}"`);
    expect(await (await fetch(`${sut.url}/metrics`)).text()).toMatch(/upload_bff_webhook_dead_letters [1-9]/);

    receiverFixed = true;
    expect(await cli('redeliver', id)).toEqual({ code: 0, stdout: `queued ${id} for redelivery\n`, stderr: '' });
    await receiver.until(() => deliveriesOf(receiver.deliveries, upload.uploadId).length >= 4);
    const redelivered = deliveriesOf(receiver.deliveries, upload.uploadId)[3];
    expect(redelivered.id).toBe(id);
    expect(WebhookReceiver.verify(redelivered, SECRET)).toMatchObject({ type: 'upload.failed', data: upload });
    await queueSettled(queue);
    expect((await queue.deadLetters(100)).map((letter) => letter.id)).not.toContain(id);

    expect(await cli('redeliver', id)).toMatchObject({
      code: 1,
      stderr: `no dead letter with id ${id} (see: npm run webhooks -- failed)\n`,
    });
    expect((await cli('redeliver-all')).stdout).toMatch(/^queued \d+ dead letters? for redelivery\n$/);
  });

  it('exposes deliveries by type and outcome, attempt latency, queue depth, the oldest pending age and dead letters', async () => {
    const metrics = await (await fetch(`${sut.url}/metrics`)).text();
    expect(metrics).toMatch(/upload_bff_webhook_deliveries_total\{type="upload.completed",outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/upload_bff_webhook_deliveries_total\{type="upload.completed",outcome="gone"\} 1/);
    expect(metrics).toMatch(/upload_bff_webhook_deliveries_total\{type="upload.failed",outcome="rejected"\} [1-9]/);
    expect(metrics).toMatch(/upload_bff_webhook_attempt_duration_seconds_bucket\{le="0.05",outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/upload_bff_webhook_queue_depth\{state="delayed"\} 0/);
    expect(metrics).toMatch(/upload_bff_webhook_oldest_pending_age_seconds 0/);
    expect(metrics).toMatch(/upload_bff_webhook_dead_lettered_total\{type="upload.failed"\} 1/);
    expect(metrics).toMatch(/upload_bff_webhook_dead_letters \d/);
  });

  it('reports the age of the oldest pending event while a receiver is down', async () => {
    receiver.behaviour = () => 503;
    await publisher.publish('upload.completed', testUpload());
    await receiver.until(() => receiver.deliveries.at(-1)?.attempt === 2);
    const metrics = await (await fetch(`${sut.url}/metrics`)).text();
    expect(Number(/^upload_bff_webhook_oldest_pending_age_seconds (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0.05);
    receiver.behaviour = () => 204;
    await queueSettled(queue);
  });
});

describe('npm run webhooks', () => {
  it('runs as a script: usage and exit code 2 for an unknown command, no stack trace', async () => {
    const root = join(__dirname, '..');
    const child = spawn(
      process.execPath,
      ['-r', require.resolve('@swc-node/register'), join(root, 'apps/upload-api/src/cli/webhooks.ts'), 'purge'],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(root, 'tsconfig.json') },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toBe(`unknown command: purge\n\n${USAGE}`);
  });
});

describe('Publishing when Redis does not answer', () => {
  it('rejects with 503 STORE_UNAVAILABLE within a few command timeouts, so the caller can decide', async () => {
    const sut = await startTestApp({
      env: {
        REDIS_URL: 'redis://127.0.0.1:1',
        CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
        REDIS_COMMAND_TIMEOUT_MS: '100',
        REDIS_CONNECT_TIMEOUT_MS: '100',
        WEBHOOK_URL: 'http://127.0.0.1:1/hooks',
        WEBHOOK_SECRET: SECRET,
      },
    });
    try {
      const started = performance.now();
      const error = await sut.app
        .get(WebhookPublisher)
        .publish('upload.completed', testUpload())
        .catch((rejection: unknown) => rejection);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    } finally {
      await sut.close();
    }
  });
});

describe('Without WEBHOOK_URL', () => {
  it('queues nothing and runs no worker', async () => {
    const sut = await startTestApp({ redis: true });
    try {
      expect(sut.app.get(DeliveryQueue, { strict: false })).toBeNull();
      await expect(sut.app.get(WebhookPublisher).publish('upload.completed', testUpload())).resolves.toBeUndefined();
      expect(await (await fetch(`${sut.url}/metrics`)).text()).not.toContain('upload_bff_webhook_queue_depth');
    } finally {
      await sut.close();
    }
  });
});
