export type { BuildContext, EnvOf } from './build-context';
export * from './config.error';
export * from './config.module';
export * from './config.service';
export * from './config.types';
export { bool, int, list, optionalStr, url } from './env';
export * from './load-config';
export * from './provider-section';
export { MIN_HMAC_SECRET_BYTES } from './sections/auth.section';
export * from './read-environment';
export { IMPLICIT_PROFILE, profileVariable } from './regions/regions.section';
export {
  budgetVariable,
  type EncryptionKey,
  keyId,
  quotaVariable,
  type RateLimitPolicy,
  rateLimitVariable,
} from './sections/protection.section';
export { isWebhookSecret, parseRetrySchedule } from './sections/webhooks.section';
export { knownVariables, secretVariables } from './schema';
export { regionLabel } from './regions/region-label';
