import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { MetricsService } from '@app/common';
import { ConfigService } from '@app/config';
import { WebhookMetrics } from './metrics/webhook-metrics';
import { createDeliveryQueue } from './queue/create-delivery-queue';
import { DeliveryQueue } from './queue/delivery-queue';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookPublisher } from './webhook-publisher';

/** No URL, no queue. Like the store, a Redis that is down at boot delays nothing: events fail to queue (503) until it is back. */
async function buildQueue(config: ConfigService): Promise<DeliveryQueue | null> {
  if (config.webhooks.url === undefined) return null;
  const queue = createDeliveryQueue(config.store, config.webhooks, config.protection.encryptionKeys);
  const ready = await queue.waitUntilReady(config.store.kind === 'redis' ? config.store.connectTimeoutMs : 0);
  if (!ready) new Logger('Webhooks').warn('webhook queue: Redis not reachable at boot; continuing');
  return queue;
}

/**
 * App webhooks: `WebhookPublisher` for the upload lifecycle, and this replica's share of the
 * deliveries. Without WEBHOOK_URL nothing is queued and no worker runs.
 */
@Global()
@Module({})
export class WebhooksModule {
  static forRoot(): DynamicModule {
    return {
      module: WebhooksModule,
      providers: [
        {
          provide: DeliveryQueue,
          inject: [ConfigService],
          useFactory: buildQueue,
        },
        {
          provide: WebhookMetrics,
          inject: [MetricsService, DeliveryQueue],
          useFactory: (metrics: MetricsService, queue: DeliveryQueue | null) =>
            new WebhookMetrics(metrics, queue ? () => queue.stats() : undefined),
        },
        WebhookPublisher,
        WebhookDispatcher,
      ],
      exports: [WebhookPublisher, DeliveryQueue],
    };
  }
}
