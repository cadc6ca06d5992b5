import { randomBytes } from 'node:crypto';
import { loadServiceConfig } from '../apps/upload-api/src/providers';
import { createDeliveryQueue, createWebhookEvent, type DeliveryQueue } from '@app/webhooks';
import { spawnService, type ServiceProcess } from './support/spawn-service';
import { TEST_CACHE_KEY, TEST_JWT_SECRET } from './support/test-app';
import { queueSettled, testUpload } from './support/webhook-helpers';
import { newWebhookSecret, type ReceivedDelivery, WebhookReceiver } from './support/webhook-receiver';

const SECRET = newWebhookSecret();
const STALLED_RECOVERY_MS = 2_000;
const RETRY_SCHEDULE = '100ms,200ms,400ms,800ms';
const CONCURRENCY = 4;
/** The app's backend takes this long to answer every delivery: attempts are in flight when the replica dies. */
const ANSWER_AFTER_MS = 1_000;
const EVENTS = 16;

const answeredOk = (delivery: ReceivedDelivery) => delivery.answered !== undefined && delivery.answered < 300;

describe("A replica's death while it delivers webhooks (two spawned replicas, real Redis, a slow receiver)", () => {
  let receiver: WebhookReceiver;
  let producer: DeliveryQueue | undefined;
  const replicas: ServiceProcess[] = [];

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    for (const replica of replicas.splice(0)) replica.child.kill('SIGKILL');
    await producer?.close();
    await receiver.down();
  });

  it('the other replica delivers every event the dead one held, within the stalled recovery, each under its one webhook-id', async () => {
    receiver.behaviour = () => ({ status: 204, afterMs: ANSWER_AFTER_MS });
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}:`,
      CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_RETRY_SCHEDULE: RETRY_SCHEDULE,
      WEBHOOK_STALLED_RECOVERY_MS: String(STALLED_RECOVERY_MS),
      WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    };
    // The same settings, but each replica's deliveries come to a path of its own: the receiver tells them apart.
    const [doomed, survivor] = ['doomed', 'survivor'].map((name) => spawnService({ ...env, WEBHOOK_URL: `${receiver.url}/${name}` }));
    replicas.push(doomed, survivor);
    await Promise.all([doomed.listening, survivor.listening]);
    const fromDoomed = (delivery: ReceivedDelivery) => delivery.path === '/hooks/doomed';

    // A third party queues the events, as any replica's request or provider callback would.
    const config = loadServiceConfig(env);
    producer = createDeliveryQueue(config.store, config.webhooks, config.protection.encryptionKeys);
    expect(await producer.waitUntilReady(10_000)).toBe(true);
    const events = Array.from({ length: EVENTS }, () => createWebhookEvent('upload.completed', testUpload()));
    for (const event of events) await producer.enqueue(event);

    // Killed with every one of its delivery slots waiting for the receiver's answer.
    const inFlight = () => receiver.deliveries.filter((delivery) => fromDoomed(delivery) && delivery.answered === undefined);
    await receiver.until(() => inFlight().length === CONCURRENCY, 10_000, 'the doomed replica to fill its slots');
    doomed.child.kill('SIGKILL');
    const killedAt = Date.now();
    const cut = inFlight().map((delivery) => delivery.id);
    await doomed.exited;

    const delivered = () => events.filter((event) => receiver.attemptsOf(event.id).some(answeredOk));
    // Stalled recovery: a check marks the dead replica's jobs, the next one (their locks expired) hands them back; retries
    // wait their schedule (with its jitter). Then the survivor drains what is left, CONCURRENCY at a time, each answered
    // after ANSWER_AFTER_MS (and a quarter second for the attempt itself).
    const retriesMs = 1.2 * config.webhooks.retryScheduleMs.reduce((sum, delay) => sum + delay, 0);
    const drainMs = Math.ceil(EVENTS / CONCURRENCY) * (ANSWER_AFTER_MS + 250);
    const boundMs = 2 * STALLED_RECOVERY_MS + retriesMs + drainMs;
    await receiver.until(() => delivered().length === EVENTS, boundMs + 15_000, 'every event answered');
    const firstAnswerAt = (id: string) =>
      Math.min(
        ...receiver
          .attemptsOf(id)
          .filter(answeredOk)
          .map((delivery) => delivery.answeredAt ?? Infinity),
      );
    const lastDelivery = Math.max(...events.map((event) => firstAnswerAt(event.id)));
    const retaken = receiver.deliveries.filter((delivery) => cut.includes(delivery.id) && !fromDoomed(delivery));
    const figures = {
      events: EVENTS,
      delivered: delivered().length,
      cut: cut.length,
      duplicates: receiver.deliveries.length - EVENTS,
      secondsFromKillToRecovery: (Math.min(...retaken.map((delivery) => delivery.receivedAt)) - killedAt) / 1000,
      secondsFromKillToLastDelivery: (lastDelivery - killedAt) / 1000,
      boundSeconds: boundMs / 1000,
    };
    console.log(JSON.stringify({ replicaDeath: 'webhooks', ...figures }));

    expect(cut).toHaveLength(CONCURRENCY);
    // What the dead replica held was delivered by the other one.
    const bySurvivor = (id: string) => receiver.attemptsOf(id).some((delivery) => answeredOk(delivery) && !fromDoomed(delivery));
    expect(cut.filter((id) => !bySurvivor(id))).toEqual([]);
    // At least once, never under another id: every delivery of an event carries its webhook-id and verifies.
    for (const event of events) {
      for (const delivery of receiver.attemptsOf(event.id)) {
        expect(WebhookReceiver.verify(delivery, SECRET)).toMatchObject({ type: 'upload.completed', data: JSON.parse(event.body).data });
      }
    }
    expect(receiver.deliveries.filter((delivery) => !events.some((event) => event.id === delivery.id))).toEqual([]);
    expect(figures.secondsFromKillToLastDelivery * 1000).toBeLessThanOrEqual(boundMs);
    await queueSettled(producer, 10_000);
    expect(await producer.stats()).toMatchObject({ deadLetters: 0 });
  }, 60_000);
});
