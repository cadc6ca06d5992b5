import { type DynamicModule, Module } from '@nestjs/common';
import { DemoController } from './demo/demo.controller';
import { SandboxController } from './sandbox.controller';
import type { SandboxServices } from './sandbox-services';
import { SANDBOX_SERVICES } from './sandbox.tokens';

@Module({})
export class SandboxModule {
  /**
   * `services` from prepareSandbox when the emulator runs in-process. Without them GET /v1/sandbox
   * answers 404 (it stays in the document) and /demo does not exist.
   */
  static forRoot(services: SandboxServices | undefined): DynamicModule {
    return {
      module: SandboxModule,
      controllers: services ? [SandboxController, DemoController] : [SandboxController],
      providers: [{ provide: SANDBOX_SERVICES, useValue: services ?? null }],
    };
  }
}
