import type { EncryptionKey, StoreConfig, WebhooksConfig } from '@app/config';
import { EnvelopeCipher } from '@app/store';
import type { DeliveryQueue } from './delivery-queue';
import { MemoryDeliveryQueue } from './memory-delivery-queue';
import type { RedisQueueSettings } from './redis-delivery-queue';

/**
 * A queue of jobs where the store configuration puts them: Redis when there is one, with the bodies
 * sealed with the cache keys (`protection.encryptionKeys`, which config requires with Redis), else
 * in-process (nothing at rest, nothing sealed). Usable without Nest (the CLI).
 */
export function createJobQueue(store: StoreConfig, keys: readonly EncryptionKey[], settings: RedisQueueSettings): DeliveryQueue {
  if (store.kind !== 'redis') return new MemoryDeliveryQueue(settings);
  // Loaded here, not imported: BullMQ (and its Lua scripts) weighs megabytes at rest, and a deployment
  // without webhooks or verification never makes a queue (bench/FINDINGS.md, memory at rest).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RedisDeliveryQueue } = require('./redis-delivery-queue') as typeof import('./redis-delivery-queue');
  return new RedisDeliveryQueue(store, settings, new EnvelopeCipher(keys));
}

/** The webhook deliveries' queue. */
export function createDeliveryQueue(store: StoreConfig, webhooks: WebhooksConfig, keys: readonly EncryptionKey[]): DeliveryQueue {
  return createJobQueue(store, keys, {
    retryScheduleMs: webhooks.retryScheduleMs,
    deadLetterTtlSeconds: webhooks.deadLetterTtlSeconds,
    concurrency: webhooks.concurrency,
    stalledRecoveryMs: webhooks.stalledRecoveryMs,
  });
}
