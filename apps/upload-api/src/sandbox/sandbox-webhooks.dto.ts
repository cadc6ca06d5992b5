import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_EXAMPLE, WebhookEventDto } from '../webhooks/webhook-event.dto';

export class SandboxWebhookDeliveryDto {
  @ApiProperty({ description: 'When the sink received it (RFC 3339, UTC).', format: 'date-time', example: '2026-11-23T08:17:02.512Z' })
  receivedAt: string;

  @ApiProperty({
    description: 'The `webhook-id` header: one per event, the same on every retry.',
    example: 'msg_5b0f3c1e9d2a4e8f8a6b7c1d2e3f4a5b',
  })
  webhookId: string;

  @ApiProperty({ description: 'Whether the signature verified with the sandbox secret (standardwebhooks).', example: true })
  verified: boolean;

  @ApiProperty({ description: 'The delivered body.', type: WebhookEventDto, nullable: true })
  event: WebhookEventDto | null;
}

export class SandboxWebhooksDto {
  @ApiProperty({ description: 'The last 100 deliveries, newest first.', type: [SandboxWebhookDeliveryDto] })
  deliveries: SandboxWebhookDeliveryDto[];
}

export const SANDBOX_WEBHOOKS_EXAMPLE = {
  deliveries: [
    {
      receivedAt: '2026-11-23T08:17:02.512Z',
      webhookId: 'msg_5b0f3c1e9d2a4e8f8a6b7c1d2e3f4a5b',
      verified: true,
      event: WEBHOOK_EVENT_EXAMPLE,
    },
  ],
} satisfies SandboxWebhooksDto;
