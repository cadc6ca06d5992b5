import type { ProviderCatalog } from '@app/registry';
import type { AppSectionConfig, HttpConfig, LogLevel, NodeEnv } from './sections/app.section';
import type { AsymmetricAlgorithm, AuthConfig, HmacAlgorithm, JwtKeySource } from './sections/auth.section';
import type { RedisConfig, StoreConfig } from './sections/store.section';
import type { ProtectionConfig } from './sections/protection.section';
import type { RegionProfile, RegionsConfig } from './regions/region-profiles';
import type { UploadsConfig } from './sections/uploads.section';
import type { WebhooksConfig } from './sections/webhooks.section';

export type {
  AsymmetricAlgorithm,
  AuthConfig,
  HmacAlgorithm,
  HttpConfig,
  JwtKeySource,
  LogLevel,
  NodeEnv,
  ProtectionConfig,
  RedisConfig,
  RegionProfile,
  RegionsConfig,
  StoreConfig,
  UploadsConfig,
  WebhooksConfig,
};

export interface AppConfig extends AppSectionConfig {
  auth: AuthConfig;
  store: StoreConfig;
  uploads: UploadsConfig;
  protection: ProtectionConfig;
  webhooks: WebhooksConfig;
  /** What the registered providers declare: their products, kinds, upstream APIs. */
  catalog: ProviderCatalog;
  /** The region profiles (REGIONS), each with every provider's settings; one implicit profile without REGIONS. */
  regions: RegionsConfig;
  /** The default profile's provider settings, by section name; read with ConfigService.section(). */
  providers: Readonly<Record<string, unknown>>;
  /** The products whose settings are complete in the default profile. */
  offered: ReadonlySet<string>;
  /** What turns each provider's products on (the registered sections' `enabledBy`). */
  enabledBy: readonly string[];
}
