import { type DynamicModule, Module } from '@nestjs/common';
import type { SandboxDto } from './dto/sandbox.dto';
import { SANDBOX_ENDPOINTS, SandboxController } from './sandbox.controller';

@Module({})
export class SandboxModule {
  /** `endpoints` from prepareSandbox when the emulator runs in-process; the route answers 404 without them. */
  static forRoot(endpoints: SandboxDto | undefined): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [SandboxController],
      providers: [{ provide: SANDBOX_ENDPOINTS, useValue: endpoints ?? null }],
    };
  }
}
