import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import type { ProviderCatalog } from '@app/registry';
import type { AppConfig, RegionProfile, RegionsConfig } from './config.types';

/** 501: the deployment does not offer this product (its settings are missing). */
export function notOffered(productName: string): ApiError {
  return new ApiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED, `This deployment does not offer ${productName}.`);
}

/** 403 REGION_NOT_ALLOWED: the user's region profile does not offer this product (another profile does). */
export function notOfferedInRegion(productName: string, region: string): ApiError {
  return new ApiError(403, ErrorCode.REGION_NOT_ALLOWED, `This deployment does not offer ${productName} in the region ${region}.`);
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

  /** The region profiles: their names, the default, each one's provider settings. */
  get regions(): RegionsConfig {
    return this.config.regions;
  }

  /** A provider's settings, as its own section built them, in `region`'s profile (the default profile's when omitted). */
  section<Settings>(section: { name: string; build(...context: never[]): Settings }, region?: string): Settings {
    const providers = region === undefined ? this.config.providers : this.profile(region).providers;
    if (!Object.hasOwn(providers, section.name)) throw new Error(`the provider section ${section.name} is not registered`);
    return providers[section.name] as Settings;
  }

  /** Whether this deployment offers the product (its settings are complete), in `region`'s profile or the default one. */
  offers(product: string, region?: string): boolean {
    if (region === undefined) return this.config.offered.has(product);
    // A profile no longer declared (records made before REGIONS changed) offers nothing: 501, not a crash.
    return Object.hasOwn(this.config.regions.profiles, region) && this.profile(region).offered.has(product);
  }

  /** Whether any region profile offers the product. */
  offersAnywhere(product: string): boolean {
    return Object.values(this.config.regions.profiles).some((profile) => profile.offered.has(product));
  }

  private profile(region: string): RegionProfile {
    if (!Object.hasOwn(this.config.regions.profiles, region)) throw new Error(`no region profile ${region}`);
    return this.config.regions.profiles[region];
  }

  /**
   * Why a new upload of a user in `region` is refused, if it is: 501 when no profile offers the product,
   * 403 REGION_NOT_ALLOWED when the user's profile does not. Without region profiles, requireOffered's
   * 501. The request gate's answer, and the handler's where the gate could not judge (requireOfferedTo).
   */
  offerRefusal(product: string, region: string | undefined): ApiError | undefined {
    const name = this.config.catalog.product(product)?.name ?? product;
    if (!this.config.regions.declared || region === undefined) return this.offers(product) ? undefined : notOffered(name);
    if (!this.offersAnywhere(product)) return notOffered(name);
    return this.offers(product, region) ? undefined : notOfferedInRegion(name, region);
  }

  /** For a route whose body may name an existing upload, where the gate left a new upload's region to the handler. */
  requireOfferedTo(product: string, region: string | undefined): void {
    const refusal = this.offerRefusal(product, region);
    if (refusal) throw refusal;
  }

  /** Nothing, or 501 PROVIDER_NOT_CONFIGURED when this deployment does not offer the product (in `region`'s profile). */
  requireOffered(product: string, region?: string): void {
    if (!this.offers(product, region)) throw notOffered(this.config.catalog.product(product)?.name ?? product);
  }
}
