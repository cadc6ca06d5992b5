import { createHash } from 'node:crypto';
import type { UploadKind, UploadProvider, WebhookEventType } from '@app/registry';

export type { WebhookEventType };

/** The `data` of every event: an upload record as the app's backend sees it. Never a credential. */
export interface WebhookUpload {
  uploadId: string;
  userId: string;
  provider: UploadProvider;
  kind: UploadKind;
  /** The region profile of the upload; only when the deployment declares REGIONS. */
  region?: string;
  status: 'issued' | 'verifying' | 'uploaded' | 'failed' | 'rejected' | 'revoked';
  /** RFC 3339. */
  createdAt: string;
  updatedAt: string;
  videoId?: string;
  imageId?: string;
  mediaId?: string;
  fileId?: string;
  size?: number;
  durationSeconds?: number;
  fileUrl?: string;
  /** Why the arrived file was refused (upload.rejected). */
  rejection?: { reason: string; limit: number | string; measured: number | string };
  /** Not sent: a new confirmed content of the same upload is a new event, with a webhook-id of its own. */
  revision?: number;
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
  'region',
  'status',
  'createdAt',
  'updatedAt',
  'videoId',
  'imageId',
  'mediaId',
  'fileId',
  'size',
  'durationSeconds',
  'fileUrl',
  'rejection',
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
 * The Standard Webhooks message id of an event: one per upload, event type and confirmed content
 * (each happens once in an upload's life, unless new content replaces a confirmed one), so it is the
 * same on every retry, and publishing the same event again (a lifecycle step retried) gives the same
 * id, which the queue and the receiver deduplicate. The first content keeps the id it always had.
 */
export function webhookId(type: WebhookEventType, uploadId: string, revision = 0): string {
  const source = revision > 0 ? `${type}\n${uploadId}\n${revision}` : `${type}\n${uploadId}`;
  return `msg_${createHash('sha256').update(source).digest('hex').slice(0, 32)}`;
}

export function createWebhookEvent(type: WebhookEventType, upload: WebhookUpload, now = new Date()): WebhookEvent {
  const payload: WebhookPayload = { type, timestamp: now.toISOString(), data: pickUploadFields(upload) };
  return { id: webhookId(type, upload.uploadId, upload.revision), type, body: JSON.stringify(payload), queuedAt: now.getTime() };
}
