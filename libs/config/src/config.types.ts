import type { AliyunConfig } from './sections/aliyun.section';
import type { AppSectionConfig, HttpConfig, LogLevel, NodeEnv } from './sections/app.section';
import type { AsymmetricAlgorithm, AuthConfig, HmacAlgorithm, JwtKeySource } from './sections/auth.section';
import type { RedisConfig, StoreConfig } from './sections/store.section';
import type { ProtectionConfig } from './sections/protection.section';
import type { TencentConfig } from './sections/tencent.section';
import type { UploadsConfig } from './sections/uploads.section';
import type { WebhooksConfig } from './sections/webhooks.section';

export type {
  AliyunConfig,
  AsymmetricAlgorithm,
  AuthConfig,
  HmacAlgorithm,
  HttpConfig,
  JwtKeySource,
  LogLevel,
  NodeEnv,
  ProtectionConfig,
  RedisConfig,
  StoreConfig,
  TencentConfig,
  UploadsConfig,
  WebhooksConfig,
};

export interface AppConfig extends AppSectionConfig {
  auth: AuthConfig;
  store: StoreConfig;
  uploads: UploadsConfig;
  protection: ProtectionConfig;
  aliyun: AliyunConfig;
  tencent: TencentConfig;
  webhooks: WebhooksConfig;
}
