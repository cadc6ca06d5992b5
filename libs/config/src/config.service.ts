import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { UPLOAD_PROVIDERS, type UploadProvider } from '@app/registry';
import type { AliyunImsConfig, AliyunVodConfig } from './sections/aliyun.section';
import type { AppConfig, TencentConfig } from './config.types';

export type EnabledTencentConfig = Extract<TencentConfig, { enabled: true }>;

/** The settings of each product a deployment may offer. */
export interface ProductSettings {
  'aliyun-vod': AliyunVodConfig;
  'aliyun-ims': AliyunImsConfig;
  'tencent-vod': EnabledTencentConfig;
}

/** 501: the deployment does not offer this product (its settings are missing). */
export function notOffered(provider: UploadProvider): ApiError {
  return new ApiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED, `This deployment does not offer ${UPLOAD_PROVIDERS[provider].name}.`);
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

  get aliyun() {
    return this.config.aliyun;
  }

  get tencent() {
    return this.config.tencent;
  }

  get webhooks() {
    return this.config.webhooks;
  }

  get isProduction(): boolean {
    return this.config.isProduction;
  }

  /** Whether this deployment offers the product (its settings are complete). */
  offers(provider: UploadProvider): boolean {
    return this.settingsOf(provider) !== undefined;
  }

  /** The product's settings, or 501 PROVIDER_NOT_CONFIGURED when this deployment does not offer it. */
  product<P extends UploadProvider>(provider: P): ProductSettings[P] {
    const settings = this.settingsOf(provider);
    if (!settings) throw notOffered(provider);
    return settings;
  }

  private settingsOf<P extends UploadProvider>(provider: P): ProductSettings[P] | undefined {
    const { aliyun, tencent } = this.config;
    const settings: { [K in UploadProvider]: ProductSettings[K] | undefined } = {
      'aliyun-vod': aliyun.vod,
      'aliyun-ims': aliyun.ims,
      'tencent-vod': tencent.enabled ? tencent : undefined,
    };
    return settings[provider];
  }
}
