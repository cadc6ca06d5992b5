import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { storeUnavailable } from '@app/store';
import { WebhookMetrics } from './metrics/webhook-metrics';
import { DeliveryQueue } from './queue/delivery-queue';
import { createWebhookEvent, type WebhookEventType, type WebhookUpload } from './webhook-event';

/** What the upload lifecycle calls when an upload changes: the event is queued and delivered later, by any replica. */
@Injectable()
export class WebhookPublisher {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly config: ConfigService,
    private readonly metrics: WebhookMetrics,
    @Optional() @Inject(DeliveryQueue) private readonly queue: DeliveryQueue | null,
  ) {}

  /**
   * Queues one event durably (or does nothing when no WEBHOOK_URL / type not in WEBHOOK_EVENTS).
   * Never throws for delivery problems; rejects (503 STORE_UNAVAILABLE) only when the event could
   * not be queued within a few store command timeouts: the caller decides.
   */
  async publish(type: WebhookEventType, upload: WebhookUpload): Promise<void> {
    const { url, events } = this.config.webhooks;
    if (url === undefined || !this.queue || !events.includes(type)) return;
    const event = createWebhookEvent(type, upload);
    try {
      await this.queue.enqueue(event);
    } catch (error) {
      this.metrics.publishFailures.inc({ type });
      this.logger.warn({ msg: 'webhook event could not be queued', webhookId: event.id, type, uploadId: upload.uploadId });
      throw storeUnavailable(error);
    }
    this.logger.debug({ msg: 'webhook event queued', webhookId: event.id, type, uploadId: upload.uploadId });
  }
}
