/**
 * The events an app's backend can subscribe to (WEBHOOK_EVENTS), one per step of an upload's life:
 * a credential issued, a completion the provider confirmed, a failure, an arrival that broke the
 * kind's policy, the owner's revoke.
 */
export const WEBHOOK_EVENT_TYPES = ['upload.created', 'upload.completed', 'upload.failed', 'upload.rejected', 'upload.revoked'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
