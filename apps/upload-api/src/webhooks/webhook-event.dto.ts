import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  UPLOAD_KIND_NAMES,
  UPLOAD_PROVIDERS,
  type UploadKind,
  type UploadProvider,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '@app/registry';
import type { WebhookPayload, WebhookUpload } from '@app/webhooks';

/** The `data` of a webhook event. Declared against the library's type, so the document cannot drift from what is sent. */
export class WebhookUploadDto implements WebhookUpload {
  @ApiProperty({ description: 'Our id of the upload (as returned by the create route).', example: 'upl_Qm3x8ZkP2vR7tYw1nB5cJg' })
  uploadId: string;

  @ApiProperty({ description: "The owner: the token's subject of the user who created the upload.", example: 'alice' })
  userId: string;

  @ApiProperty({ description: 'The cloud product.', enum: Object.keys(UPLOAD_PROVIDERS), example: 'aliyun-vod' })
  provider: UploadProvider;

  @ApiProperty({ description: 'The upload kind of the create route.', enum: UPLOAD_KIND_NAMES, example: 'aliyun-vod-video' })
  kind: UploadKind;

  @ApiProperty({
    description: 'The upload status after this event.',
    enum: ['issued', 'uploaded', 'failed', 'revoked'],
    example: 'uploaded',
  })
  status: WebhookUpload['status'];

  @ApiProperty({ description: 'When the upload was issued (RFC 3339, UTC).', format: 'date-time', example: '2026-11-23T08:15:30.120Z' })
  createdAt: string;

  @ApiProperty({ description: 'When the upload last changed (RFC 3339, UTC).', format: 'date-time', example: '2026-11-23T08:17:02.455Z' })
  updatedAt: string;

  @ApiPropertyOptional({ description: 'Alibaba VOD video (or audio) id, once known.', example: 'c3f4a0e1b2d34f5e8a7b6c5d4e3f2a1b' })
  videoId?: string;

  @ApiPropertyOptional({ description: 'Alibaba VOD image id, once known.', example: '7e1c2b3a4d5e6f708192a3b4c5d6e7f8' })
  imageId?: string;

  @ApiPropertyOptional({
    description: 'Alibaba VOD attached media or IMS media id, once known.',
    example: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  })
  mediaId?: string;

  @ApiPropertyOptional({ description: 'Tencent Cloud VOD FileId, once known.', example: '24820810452266399' })
  fileId?: string;

  @ApiPropertyOptional({ description: 'Size in bytes, when the provider reported it.', example: 10485760 })
  size?: number;

  @ApiPropertyOptional({
    description: 'Where the provider stores the file, when it reported it.',
    example: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
  })
  fileUrl?: string;
}

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
    provider: 'aliyun-vod',
    kind: 'aliyun-vod-video',
    status: 'uploaded',
    createdAt: '2026-11-23T08:15:30.120Z',
    updatedAt: '2026-11-23T08:17:02.455Z',
    videoId: 'c3f4a0e1b2d34f5e8a7b6c5d4e3f2a1b',
    size: 10485760,
    fileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
  },
} satisfies WebhookEventDto;
