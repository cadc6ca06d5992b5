export * from './webhook-event';
export * from './webhook-publisher';
export * from './webhooks.module';
export { DeliveryQueue, type DeadLetter } from './queue/delivery-queue';
export { createDeliveryQueue } from './queue/create-delivery-queue';
export { WebhookSigner, type WebhookHeaders } from './delivery/webhook-signer';
