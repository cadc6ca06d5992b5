import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MetricsService } from '@app/common';
import { MetricsController } from './metrics.controller';

/** Counters are always kept (code records into them); GET /metrics exists only when enabled. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(serve: boolean): DynamicModule {
    return {
      module: MetricsModule,
      controllers: serve ? [MetricsController] : [],
      providers: [MetricsService],
      exports: [MetricsService],
    };
  }
}
