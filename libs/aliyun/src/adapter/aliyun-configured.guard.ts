import { type CanActivate, Injectable, mixin, type Type } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { AliyunAdapter } from './aliyun.adapter';
import type { AliyunProduct } from './operations';

/**
 * 501 when the deployment has not configured the product, before the body is validated, so an
 * unconfigured provider answers every authenticated request the same, valid or not.
 */
export function AliyunConfiguredGuard(product: AliyunProduct): Type<CanActivate> {
  @Injectable()
  class ConfiguredGuard implements CanActivate {
    constructor(private readonly adapter: AliyunAdapter) {}

    canActivate(): boolean {
      if (!this.adapter.isConfigured(product)) {
        const name = product === 'vod' ? 'Alibaba Cloud VOD' : 'Alibaba Cloud IMS';
        throw new ApiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED, `This deployment does not offer ${name}.`);
      }
      return true;
    }
  }
  return mixin(ConfiguredGuard);
}

/** One guard per product, shared by its routes. */
export const VodConfiguredGuard = AliyunConfiguredGuard('vod');
export const IceConfiguredGuard = AliyunConfiguredGuard('ice');
