import { DeliveryQueue, WebhookPublisher } from '@app/webhooks';
import { spawnService } from './support/spawn-service';
import { startTestApp, TEST_CACHE_KEY, TEST_JWT_SECRET } from './support/test-app';
import { queueSettled, testUpload } from './support/webhook-helpers';
import { newWebhookSecret, WebhookReceiver } from './support/webhook-receiver';

const SECRET = newWebhookSecret();
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
  WEBHOOK_SECRET: SECRET,
};

describe('Webhooks in production (SSRF guard)', () => {
  it('refuses to start with an http:// URL or a private address, naming the variable and not the secret', async () => {
    const service = spawnService({ ...PRODUCTION, REDIS_URL: 'redis://127.0.0.1:1', WEBHOOK_URL: 'http://10.0.0.5/hooks' });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('WEBHOOK_URL: must be an https URL in production');
    expect(service.stderr()).toContain('WEBHOOK_URL: must not point to a private address in production');
    expect(service.stderr()).not.toContain(SECRET);
  });

  describe('a host name that resolves to a loopback address (localhost)', () => {
    let receiver: WebhookReceiver;

    beforeEach(async () => {
      receiver = await WebhookReceiver.start();
    });
    afterEach(() => receiver.down());

    const start = (allowPrivate: boolean) =>
      startTestApp({
        redis: true,
        env: {
          ...PRODUCTION,
          WEBHOOK_URL: `https://localhost:${receiver.port}/hooks`,
          WEBHOOK_RETRY_SCHEDULE: '50ms',
          WEBHOOK_ALLOW_PRIVATE_NETWORKS: String(allowPrivate),
          // Off by default in production; this test reads the delivery counter from it.
          METRICS_ENABLED: 'true',
        },
      });

    it('is refused at every delivery before a connection is opened, and the event ends as a dead letter saying why', async () => {
      const sut = await start(false);
      try {
        const queue = sut.app.get(DeliveryQueue);
        // The queue's fail-fast connection may still be connecting right after start (a 503 to a request).
        expect(await queue.waitUntilReady(20_000)).toBe(true);
        await sut.app.get(WebhookPublisher).publish('upload.completed', testUpload());
        await queueSettled(queue);
        expect(await queue.deadLetters(10)).toEqual([
          expect.objectContaining({ attempts: 2, reason: 'refused: the URL resolves to a loopback address' }),
        ]);
        expect(receiver.connections).toBe(0);
        expect(await (await fetch(`${sut.url}/metrics`)).text()).toMatch(
          /upload_bff_webhook_deliveries_total\{type="upload.completed",outcome="blocked-address"\} 2/,
        );
        expect(sut.logs.text).toContain('WEBHOOK_URL resolves to a loopback address: every delivery will be refused');
      } finally {
        await sut.close();
      }
    });

    it('is connected to when WEBHOOK_ALLOW_PRIVATE_NETWORKS=true', async () => {
      const sut = await start(true);
      try {
        expect(await sut.app.get(DeliveryQueue).waitUntilReady(20_000)).toBe(true);
        await sut.app.get(WebhookPublisher).publish('upload.completed', testUpload());
        await queueSettled(sut.app.get(DeliveryQueue));
        // The receiver speaks plain HTTP, so the TLS handshake fails: what matters is that the connection was made.
        expect(receiver.connections).toBeGreaterThan(0);
        expect((await sut.app.get(DeliveryQueue).deadLetters(10))[0].reason).toMatch(/^network error/);
      } finally {
        await sut.close();
      }
    });
  });
});
