import { createHash } from 'node:crypto';
import type { UploadKind, UploadProvider, WebhookEventType } from '@app/registry';

export type { WebhookEventType };

/** The `data` of every event: an upload record as the app's backend sees it. Never a credential. */
export interface WebhookUpload {
  uploadId: string;
  userId: string;
  provider: UploadProvider;
  kind: UploadKind;
  status: 'issued' | 'uploaded' | 'failed' | 'revoked';
  /** RFC 3339. */
  createdAt: string;
  updatedAt: string;
  videoId?: string;
  imageId?: string;
  mediaId?: string;
  fileId?: string;
  size?: number;
  fileUrl?: string;
}

/** The body of a delivery, the same on every attempt. */
export interface WebhookPayload {
  type: WebhookEventType;
  /** When the event happened, RFC 3339. */
  timestamp: string;
  data: WebhookUpload;
}

/** One event as it is queued: its `webhook-id` and the exact body every attempt sends and signs. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  body: string;
  /** Epoch ms when it was queued (for the age of the oldest pending delivery). */
  queuedAt: number;
}

const UPLOAD_FIELDS = [
  'uploadId',
  'userId',
  'provider',
  'kind',
  'status',
  'createdAt',
  'updatedAt',
  'videoId',
  'imageId',
  'mediaId',
  'fileId',
  'size',
  'fileUrl',
] as const satisfies readonly (keyof WebhookUpload)[];

/**
 * The documented fields only, in a fixed order: whatever else the caller's object carries (a
 * credential, a session key) never reaches the body.
 */
function pickUploadFields(upload: WebhookUpload): WebhookUpload {
  const data: Partial<Record<keyof WebhookUpload, unknown>> = {};
  for (const field of UPLOAD_FIELDS) if (upload[field] !== undefined && upload[field] !== null) data[field] = upload[field];
  return data as WebhookUpload;
}

/**
 * The Standard Webhooks message id of an event: one per upload and event type (each happens once
 * in an upload's life), so it is the same on every retry, and publishing the same event again (a
 * lifecycle step retried) gives the same id, which the queue and the receiver deduplicate.
 */
export function webhookId(type: WebhookEventType, uploadId: string): string {
  return `msg_${createHash('sha256').update(`${type}\n${uploadId}`).digest('hex').slice(0, 32)}`;
}

export function createWebhookEvent(type: WebhookEventType, upload: WebhookUpload, now = new Date()): WebhookEvent {
  const payload: WebhookPayload = { type, timestamp: now.toISOString(), data: pickUploadFields(upload) };
  return { id: webhookId(type, upload.uploadId), type, body: JSON.stringify(payload), queuedAt: now.getTime() };
}
