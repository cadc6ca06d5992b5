import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from './config.service';
import type { AppConfig } from './config.types';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ConfigService, useValue: new ConfigService(config) }],
      exports: [ConfigService],
    };
  }
}
