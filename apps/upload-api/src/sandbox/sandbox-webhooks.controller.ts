import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiProblems, problemExample } from '@app/common';
import { SANDBOX_WEBHOOKS_EXAMPLE, SandboxWebhooksDto } from './sandbox-webhooks.dto';
import { WebhookSink } from './webhook-sink';

const noSink = () => ApiError.notFound('The webhook sink exists only in sandbox mode without WEBHOOK_URL.');

/** What the sandbox's webhook sink received, for the demo page. Sandbox data only: no token. */
@ApiTags('sandbox')
@Controller('v1/sandbox/webhooks')
export class SandboxWebhooksController {
  constructor(@Optional() @Inject(WebhookSink) private readonly sink: WebhookSink | null) {}

  @Get()
  @ApiOperation({
    operationId: 'listSandboxWebhooks',
    summary: "Sandbox only: the webhook deliveries the built-in sink received (the app backend's view).",
    security: [],
  })
  @ApiOkResponse({ type: SandboxWebhooksDto, description: 'The received deliveries.', example: SANDBOX_WEBHOOKS_EXAMPLE })
  @ApiProblems(problemExample(noSink(), 'Not in sandbox mode (or WEBHOOK_URL is set): there is no sink.'))
  list(): SandboxWebhooksDto {
    if (!this.sink) throw noSink();
    return { deliveries: this.sink.deliveries() as SandboxWebhooksDto['deliveries'] };
  }
}
