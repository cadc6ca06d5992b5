import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { MetricsService } from '@app/common';
import type { AppConfig } from '@app/config';
import { METRICS_LISTENER_SETTINGS, MetricsListener } from './metrics-listener';
import { MetricsController } from './metrics.controller';

/**
 * Counters are always kept (code records into them). GET /metrics is served only when enabled: on the
 * public port, or, with METRICS_PORT, by its own listener and never on the public port.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(metrics: AppConfig['metrics']): DynamicModule {
    const listener: Provider[] =
      metrics.enabled && metrics.listener ? [MetricsListener, { provide: METRICS_LISTENER_SETTINGS, useValue: metrics.listener }] : [];
    return {
      module: MetricsModule,
      controllers: metrics.enabled && !metrics.listener ? [MetricsController] : [],
      providers: [MetricsService, ...listener],
      exports: [MetricsService],
    };
  }
}
