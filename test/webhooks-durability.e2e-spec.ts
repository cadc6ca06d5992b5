import { randomBytes } from 'node:crypto';
import { loadServiceConfig } from '../apps/upload-api/src/providers';
import { createDeliveryQueue, createWebhookEvent, WebhookPublisher } from '@app/webhooks';
import { spawnService, type ServiceProcess } from './support/spawn-service';
import { startTestApp, TEST_CACHE_KEY, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { deliveriesOf, testUpload } from './support/webhook-helpers';
import { newWebhookSecret, WebhookReceiver } from './support/webhook-receiver';

const SECRET = newWebhookSecret();

/** The same Redis, key prefix and webhook settings for every replica of one test. */
function sharedEnv(receiver: WebhookReceiver): Record<string, string> {
  return {
    NODE_ENV: 'test',
    // spawnService learns the port from the `listening` line.
    LOG_LEVEL: 'info',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    REDIS_URL: process.env.TEST_REDIS_URL!,
    REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}:`,
    CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_RETRY_SCHEDULE: '100ms,200ms,400ms,800ms',
    WEBHOOK_STALLED_RECOVERY_MS: '1000',
  };
}

/** Every upload arrived, verified, and all deliveries of one upload (duplicates, retries) carry one webhook-id. */
function expectOneEventPerUpload(receiver: WebhookReceiver, uploadIds: string[]) {
  for (const uploadId of uploadIds) {
    const deliveries = deliveriesOf(receiver.deliveries, uploadId);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(new Set(deliveries.map((delivery) => delivery.id)).size).toBe(1);
    for (const delivery of deliveries) expect(WebhookReceiver.verify(delivery, SECRET)).toMatchObject({ data: { uploadId } });
  }
}

describe('Webhook delivery across replicas (real Redis, real receiver)', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(() => receiver.down());

  it('two replicas on one Redis deliver every event, none lost; duplicates, if any, carry the same webhook-id', async () => {
    const env = sharedEnv(receiver);
    const replicas: TestApp[] = [await startTestApp({ env }), await startTestApp({ env })];
    try {
      const uploads = Array.from({ length: 20 }, () => testUpload());
      // A publish answers 503 while a replica's queue connection is (re)connecting, as right after a boot on a busy
      // machine: its caller retries, as the service's clients and the providers do.
      const publish = async (upload: (typeof uploads)[number], replica: TestApp) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await replica.app.get(WebhookPublisher).publish('upload.completed', upload);
          } catch (error) {
            if ((error as { code?: string }).code !== 'STORE_UNAVAILABLE' || attempt === 50) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      };
      await Promise.all(uploads.map((upload, i) => publish(upload, replicas[i % 2])));
      await receiver.until(() => uploads.every((upload) => deliveriesOf(receiver.deliveries, upload.uploadId).length > 0));
      expectOneEventPerUpload(
        receiver,
        uploads.map((upload) => upload.uploadId),
      );
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('loses nothing when the only replica is killed (SIGKILL) mid-delivery: a restarted one delivers everything', async () => {
    const env = { ...sharedEnv(receiver), PORT: '0' };
    // Another replica (this test) queues the events; the spawned service holds them, hanging, when it dies.
    const config = loadServiceConfig(env);
    const producer = createDeliveryQueue(config.store, config.webhooks, config.protection.encryptionKeys);
    const queueEvents = async (count: number) => {
      const uploads = Array.from({ length: count }, () => testUpload());
      for (const upload of uploads) await producer.enqueue(createWebhookEvent('upload.completed', upload));
      return uploads.map((upload) => upload.uploadId);
    };
    let first: ServiceProcess | undefined;
    let second: ServiceProcess | undefined;
    try {
      receiver.behaviour = () => 'hang';
      first = spawnService(env);
      await first.listening;
      const inFlight = await queueEvents(4);
      await receiver.until(() => inFlight.every((uploadId) => deliveriesOf(receiver.deliveries, uploadId).length > 0));
      expect(await producer.stats()).toMatchObject({ active: 4 });
      first.child.kill('SIGKILL');
      await first.exited;

      // While no service runs and the receiver is down, more events wait in Redis.
      await receiver.down();
      const waiting = await queueEvents(3);
      receiver.behaviour = () => 204;
      await receiver.listen();
      const answeredFrom = receiver.deliveries.length;

      second = spawnService(env);
      await second.listening;
      await receiver.until(
        () => [...inFlight, ...waiting].every((uploadId) => deliveriesOf(receiver.deliveries.slice(answeredFrom), uploadId).length > 0),
        15_000,
        'every event after the restart',
      );
      expectOneEventPerUpload(receiver, [...inFlight, ...waiting]);
    } finally {
      first?.child.kill('SIGKILL');
      second?.child.kill('SIGTERM');
      await second?.exited;
      await producer.close();
    }
  }, 30_000);
});
