import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { type AppConfig, ConfigModule } from '@app/config';
import { ProtectionModule } from '@app/protection';
import { StoreModule } from '@app/store';
import { UpstreamModule } from '@app/upstream';
import { providerModules, UploadsModule } from '@app/uploads';
import { WebhooksModule } from '@app/webhooks';
import { DurabilityModule } from './durability/durability.module';
import { HealthModule } from './health/health.module';
import { MeModule } from './me/me.module';
import { MetricsModule } from './metrics/metrics.module';
import type { SandboxServices } from './sandbox/sandbox-services';
import { SandboxModule } from './sandbox/sandbox.module';
import { PROVIDERS } from './providers';
import { UploadRoutesModule } from './uploads/uploads.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extra: ModuleMetadata['imports'] = [], sandbox: SandboxServices = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        StoreModule.forRoot(),
        MetricsModule.forRoot(config.metrics),
        AuthModule,
        ProtectionModule,
        UpstreamModule,
        WebhooksModule.forRoot(),
        UploadsModule.forProviders(PROVIDERS),
        UploadRoutesModule,
        HealthModule,
        DurabilityModule,
        MeModule,
        ...providerModules(PROVIDERS),
        SandboxModule.forRoot(sandbox),
        ...extra,
      ],
    };
  }
}
