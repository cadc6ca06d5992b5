import { type DynamicModule, Module } from '@nestjs/common';
import { DemoController } from './demo/demo.controller';
import { SandboxWebhooksController } from './sandbox-webhooks.controller';
import { SandboxController } from './sandbox.controller';
import type { SandboxServices } from './sandbox-services';
import { SANDBOX_SERVICES } from './sandbox.tokens';
import { WebhookSink } from './webhook-sink';

/**
 * The sandbox's routes. The /v1/sandbox ones stay in the document and answer 404 when their part
 * is not running; the demo page exists only with the emulator in-process (never in production).
 */
@Module({})
export class SandboxModule {
  static forRoot(services: SandboxServices = {}): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [SandboxController, SandboxWebhooksController, ...(services.endpoints ? [DemoController] : [])],
      providers: [
        { provide: SANDBOX_SERVICES, useValue: services },
        { provide: WebhookSink, useValue: services.webhookSink ?? null },
      ],
    };
  }
}
