import { ApiError, MetricsService } from '@app/common';
import { ConfigService, loadConfig } from '@app/config';
import { WebhookMetrics } from './metrics/webhook-metrics';
import type { DeliveryQueue } from './queue/delivery-queue';
import type { WebhookEvent, WebhookUpload } from './webhook-event';
import { WebhookPublisher } from './webhook-publisher';

const UPLOAD: WebhookUpload = {
  uploadId: 'upl_1',
  userId: 'alice',
  provider: 'aliyun-vod',
  kind: 'aliyun-vod-video',
  status: 'issued',
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
};
const CONFIGURED = { WEBHOOK_URL: 'http://127.0.0.1:9/hooks', WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 1).toString('base64')}` };

describe(WebhookPublisher.name, () => {
  let queued: WebhookEvent[];
  let enqueue: (event: WebhookEvent) => Promise<void>;
  let metrics: MetricsService;
  const queue = { enqueue: (event: WebhookEvent) => enqueue(event) } as unknown as DeliveryQueue;
  const publisher = (env: Record<string, string>, withQueue = true) =>
    new WebhookPublisher(new ConfigService(loadConfig(env)), new WebhookMetrics(metrics), withQueue ? queue : null);

  beforeEach(() => {
    queued = [];
    metrics = new MetricsService();
    enqueue = async (event) => {
      queued.push(event);
    };
  });

  it('queues the event when a URL is set', async () => {
    await publisher(CONFIGURED).publish('upload.created', UPLOAD);
    expect(queued).toEqual([expect.objectContaining({ type: 'upload.created', id: expect.stringMatching(/^msg_/) })]);
  });

  it('does nothing without WEBHOOK_URL, or for a type left out of WEBHOOK_EVENTS', async () => {
    await publisher({}, false).publish('upload.created', UPLOAD);
    await publisher({ ...CONFIGURED, WEBHOOK_EVENTS: 'upload.completed' }).publish('upload.created', UPLOAD);
    expect(queued).toEqual([]);
  });

  it('rejects with 503 STORE_UNAVAILABLE when the event cannot be queued, and counts it', async () => {
    enqueue = () => Promise.reject(new Error('Stream is not writeable'));
    const error = await publisher(CONFIGURED)
      .publish('upload.completed', UPLOAD)
      .catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { retryAfterSeconds: 1 } });
    expect(await metrics.render()).toContain('upload_bff_webhook_publish_failures_total{type="upload.completed"} 1');
  });
});
