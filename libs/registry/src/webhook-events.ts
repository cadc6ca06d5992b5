/**
 * The events an app's backend can subscribe to (WEBHOOK_EVENTS), one per step of an upload's life:
 * a credential issued, the provider's completion or failure event, the owner's revoke.
 */
export const WEBHOOK_EVENT_TYPES = ['upload.created', 'upload.completed', 'upload.failed', 'upload.revoked'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
