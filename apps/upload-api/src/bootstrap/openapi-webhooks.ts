import { getSchemaPath } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@app/registry';
import { WEBHOOK_EVENT_EXAMPLE, WebhookEventDto } from '../webhooks/webhook-event.dto';

const WHEN: Record<WebhookEventType, { summary: string; status: string }> = {
  'upload.created': { summary: 'An upload credential was issued (status issued).', status: 'issued' },
  'upload.completed': { summary: "The provider's event says the file arrived (status uploaded).", status: 'uploaded' },
  'upload.failed': { summary: "The provider's event says the upload or its processing failed (status failed).", status: 'failed' },
  'upload.rejected': {
    summary: "What arrived broke the kind's policy (too large, too long, not what was declared): status rejected, see `rejection`.",
    status: 'rejected',
  },
  'upload.revoked': { summary: 'The owner revoked the upload before it completed (status revoked).', status: 'revoked' },
};

const HEADERS = [
  ['webhook-id', 'Unique per event; the same on every retry: deduplicate on it.', 'msg_5b0f3c1e9d2a4e8f8a6b7c1d2e3f4a5b'],
  ['webhook-timestamp', "The attempt's time, Unix seconds: refuse old ones (standardwebhooks allows 5 minutes).", '1795421822'],
  [
    'webhook-signature',
    'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret (WEBHOOK_SECRET and WEBHOOK_PREVIOUS_SECRETS).',
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  ],
] as const;

/**
 * The deliveries the app's backend receives, one operation per event type, in Redoc's `x-webhooks`
 * form: a POST of WebhookEventDto to WEBHOOK_URL, signed per Standard Webhooks.
 */
export function webhookOperations(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook.${type}`,
          summary: WHEN[type].summary,
          description:
            'POSTed to WEBHOOK_URL at least once, retried on WEBHOOK_RETRY_SCHEDULE (about a day) until a 2xx; 410 stops the retries. ' +
            'Verify with the standardwebhooks library before trusting the body.',
          tags: ['webhooks'],
          // Not our bearer token: the receiver checks the signature headers below.
          security: [],
          parameters: HEADERS.map(([name, description, example]) => ({
            in: 'header',
            name,
            required: true,
            description,
            schema: { type: 'string', example },
          })),
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: getSchemaPath(WebhookEventDto) },
                example: { ...WEBHOOK_EVENT_EXAMPLE, type, data: { ...WEBHOOK_EVENT_EXAMPLE.data, status: WHEN[type].status } },
              },
            },
          },
          // The receiver's answers: what it sends in them is not ours to describe (no problem+json here).
          responses: {
            '2XX': { description: 'Received: no retry.' },
            default: {
              description:
                '410 Gone: this event is not retried. ' +
                'Anything else, a timeout or a network error: retried on the schedule, then a dead letter.',
            },
          },
        },
      },
    ]),
  );
}
