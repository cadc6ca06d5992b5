import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type UploadKind, type UploadProvider, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@app/registry';
import { UPLOAD_STATUSES } from '@app/uploads';
import type { WebhookPayload, WebhookUpload } from '@app/webhooks';
import { REGION_DESCRIPTION } from '../uploads/dto/upload.dto';
import { documentProviderFields, KindProperty, ProductProperty, SAMPLE, WithProviderFields } from '../uploads/dto/provider-fields';

/** The `data` of a webhook event. Declared against the library's type, so the document cannot drift from what is sent. */
export class WebhookUploadDto extends WithProviderFields implements WebhookUpload {
  @ApiProperty({ description: 'Our id of the upload (as returned by the create route).', example: 'upl_Qm3x8ZkP2vR7tYw1nB5cJg' })
  uploadId: string;

  @ApiProperty({ description: "The owner: the token's subject of the user who created the upload.", example: 'alice' })
  userId: string;

  @ProductProperty('The cloud product.')
  provider: UploadProvider;

  @KindProperty('The upload kind of the create route.')
  kind: UploadKind;

  @ApiPropertyOptional({ description: REGION_DESCRIPTION, example: 'intl' })
  region?: string;

  @ApiProperty({
    description: 'The upload status after this event.',
    enum: UPLOAD_STATUSES,
    example: 'uploaded',
  })
  status: WebhookUpload['status'];

  @ApiProperty({ description: 'When the upload was issued (RFC 3339, UTC).', format: 'date-time', example: '2026-11-23T08:15:30.120Z' })
  createdAt: string;

  @ApiProperty({ description: 'When the upload last changed (RFC 3339, UTC).', format: 'date-time', example: '2026-11-23T08:17:02.455Z' })
  updatedAt: string;
}

documentProviderFields(WebhookUploadDto, 'webhook', {
  size: 'Size in bytes, when the provider reported it.',
  durationSeconds: 'Duration of a video or audio file in seconds, when the provider reported it.',
  fileUrl: 'Where the provider stores the file, when it reported it.',
});

/**
 * The JSON body of every webhook delivery (Standard Webhooks). Headers: `webhook-id` (the same on
 * every retry of an event), `webhook-timestamp` (the attempt's, Unix seconds) and
 * `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per active secret).
 */
export class WebhookEventDto implements WebhookPayload {
  @ApiProperty({ description: 'What happened.', enum: WEBHOOK_EVENT_TYPES, example: 'upload.completed' })
  type: WebhookEventType;

  @ApiProperty({
    description: 'When it happened (RFC 3339, UTC); the same on every retry.',
    format: 'date-time',
    example: '2026-11-23T08:17:02.460Z',
  })
  timestamp: string;

  @ApiProperty({ description: 'The upload as it stands after the event. Never a credential.', type: WebhookUploadDto })
  data: WebhookUploadDto;
}

export const WEBHOOK_EVENT_EXAMPLE = {
  type: 'upload.completed',
  timestamp: '2026-11-23T08:17:02.460Z',
  data: {
    uploadId: 'upl_Qm3x8ZkP2vR7tYw1nB5cJg',
    userId: 'alice',
    provider: SAMPLE.product,
    kind: SAMPLE.kind,
    status: 'uploaded',
    createdAt: '2026-11-23T08:15:30.120Z',
    updatedAt: '2026-11-23T08:17:02.455Z',
    ...SAMPLE.ids.webhook,
    size: 10485760,
    fileUrl: SAMPLE.fileUrl,
  },
} satisfies WebhookEventDto;
