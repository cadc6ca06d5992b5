import { type DynamicModule, Module } from '@nestjs/common';
import { SandboxWebhooksController } from './sandbox-webhooks.controller';
import { WebhookSink } from './webhook-sink';

/** What the sandbox started for the app to show: parts are absent outside sandbox mode. */
export interface SandboxServices {
  webhookSink?: WebhookSink;
}

/** The sandbox's routes; they answer 404 when their part is not running. */
@Module({})
export class SandboxModule {
  static forRoot(services: SandboxServices = {}): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [SandboxWebhooksController],
      providers: [{ provide: WebhookSink, useValue: services.webhookSink ?? null }],
    };
  }
}
