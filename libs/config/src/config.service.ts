import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import type { ProviderCatalog } from '@app/registry';
import type { AppConfig } from './config.types';

/** 501: the deployment does not offer this product (its settings are missing). */
export function notOffered(productName: string): ApiError {
  return new ApiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED, `This deployment does not offer ${productName}.`);
}

/** The validated configuration, read once at boot. Inject this instead of reading process.env. */
@Injectable()
export class ConfigService {
  constructor(private readonly config: AppConfig) {}

  get values(): AppConfig {
    return this.config;
  }

  get http() {
    return this.config.http;
  }

  get auth() {
    return this.config.auth;
  }

  get store() {
    return this.config.store;
  }

  get uploads() {
    return this.config.uploads;
  }

  get protection() {
    return this.config.protection;
  }

  get webhooks() {
    return this.config.webhooks;
  }

  get isProduction(): boolean {
    return this.config.isProduction;
  }

  /** What the registered providers declare. */
  get catalog(): ProviderCatalog {
    return this.config.catalog;
  }

  /** A provider's settings, as its own section built them. */
  section<Settings>(section: { name: string; build(...context: never[]): Settings }): Settings {
    if (!Object.hasOwn(this.config.providers, section.name)) throw new Error(`the provider section ${section.name} is not registered`);
    return this.config.providers[section.name] as Settings;
  }

  /** Whether this deployment offers the product (its settings are complete). */
  offers(product: string): boolean {
    return this.config.offered.has(product);
  }

  /** Nothing, or 501 PROVIDER_NOT_CONFIGURED when this deployment does not offer the product. */
  requireOffered(product: string): void {
    if (!this.offers(product)) throw notOffered(this.config.catalog.product(product)?.name ?? product);
  }
}
