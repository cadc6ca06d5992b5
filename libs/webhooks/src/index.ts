export * from './webhook-event';
export * from './webhook-publisher';
export * from './webhooks.module';
export { DeliveryQueue, type AttemptRunner, type DeadLetter, type QueuedJob } from './queue/delivery-queue';
export { MemoryDeliveryQueue } from './queue/memory-delivery-queue';
export { createDeliveryQueue, createJobQueue } from './queue/create-delivery-queue';
export { WebhookSigner, type WebhookHeaders } from './delivery/webhook-signer';
