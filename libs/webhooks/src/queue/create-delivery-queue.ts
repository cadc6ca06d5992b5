import type { StoreConfig, WebhooksConfig } from '@app/config';
import type { DeliveryQueue } from './delivery-queue';
import { MemoryDeliveryQueue } from './memory-delivery-queue';
import { RedisDeliveryQueue } from './redis-delivery-queue';

/** The queue the store configuration asks for: Redis when there is one, else in-process. Usable without Nest (the CLI). */
export function createDeliveryQueue(store: StoreConfig, webhooks: WebhooksConfig): DeliveryQueue {
  const settings = {
    retryScheduleMs: webhooks.retryScheduleMs,
    deadLetterTtlSeconds: webhooks.deadLetterTtlSeconds,
    concurrency: webhooks.concurrency,
    stalledRecoveryMs: webhooks.stalledRecoveryMs,
  };
  return store.kind === 'redis' ? new RedisDeliveryQueue(store, settings) : new MemoryDeliveryQueue(settings);
}
