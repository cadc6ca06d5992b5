export * from './config.error';
export * from './config.module';
export * from './config.service';
export * from './config.types';
export * from './load-config';
export { MIN_HMAC_SECRET_BYTES } from './sections/auth.section';
export * from './read-environment';
export {
  budgetVariable,
  type EncryptionKey,
  keyId,
  quotaVariable,
  type RateLimitPolicy,
  rateLimitVariable,
} from './sections/protection.section';
export { isWebhookSecret, parseRetrySchedule } from './sections/webhooks.section';
export { KNOWN_VARIABLES } from './schema';
