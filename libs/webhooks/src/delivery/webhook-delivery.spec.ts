import { MetricsService } from '@app/common';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { createWebhookEvent } from '../webhook-event';
import { WebhookDelivery } from './webhook-delivery';
import type { AttemptOutcome, WebhookSender } from './webhook-sender';
import { WebhookSigner } from './webhook-signer';

const EVENT = createWebhookEvent('upload.failed', {
  uploadId: 'upl_1',
  userId: 'alice',
  provider: 'aliyun-ims',
  kind: 'aliyun-ims-media',
  status: 'failed',
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:01:00.000Z',
});

describe(WebhookDelivery.name, () => {
  let metrics: MetricsService;
  let outcome: AttemptOutcome;
  let sent: { headers: Record<string, string>; body: string }[];
  let sut: WebhookDelivery;

  beforeEach(() => {
    metrics = new MetricsService();
    sent = [];
    const sender = {
      send: async (headers: Record<string, string>, body: string) => {
        sent.push({ headers, body });
        return outcome;
      },
      close: async () => undefined,
    } as unknown as WebhookSender;
    sut = new WebhookDelivery(new WebhookSigner([`whsec_${Buffer.alloc(32, 1).toString('base64')}`]), sender, new WebhookMetrics(metrics));
  });

  it.each<[AttemptOutcome, boolean, string, string]>([
    [{ result: 'delivered', status: 200 }, false, 'done', 'HTTP 200'],
    [{ result: 'gone', status: 410 }, false, 'done', 'HTTP 410'],
    [{ result: 'rejected', status: 503 }, false, 'retry', 'HTTP 503'],
    [{ result: 'rejected', status: 503 }, true, 'dead-letter', 'HTTP 503'],
    [{ result: 'timeout' }, false, 'retry', 'no answer within WEBHOOK_TIMEOUT_MS'],
    [{ result: 'network-error', code: 'ECONNRESET' }, true, 'dead-letter', 'network error ECONNRESET'],
    [{ result: 'blocked-address', range: 'private' }, false, 'retry', 'refused: the URL resolves to a private address'],
    [{ result: 'interrupted' }, true, 'interrupted', 'cut by a shutdown'],
  ])('%j on a last attempt (%s): %s, because %s', async (given, last, verdict, reason) => {
    outcome = given;
    expect(await sut.attempt(EVENT, { number: 2, last })).toEqual({ verdict, reason });
    expect(sent).toEqual([{ headers: expect.objectContaining({ 'webhook-id': EVENT.id }), body: EVENT.body }]);
  });

  it('counts attempts by type and outcome, their latency, and dead letters', async () => {
    outcome = { result: 'rejected', status: 500 };
    await sut.attempt(EVENT, { number: 3, last: true });
    const text = await metrics.render();
    expect(text).toContain('upload_bff_webhook_deliveries_total{type="upload.failed",outcome="rejected"} 1');
    expect(text).toContain('upload_bff_webhook_attempt_duration_seconds_count{outcome="rejected"} 1');
    expect(text).toContain('upload_bff_webhook_dead_lettered_total{type="upload.failed"} 1');
  });
});
