import { type CanActivate, Injectable, mixin, type Type } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { AliyunAdapter } from './aliyun.adapter';
import type { AliyunProduct } from './operations';

/**
 * 501 before anything else when the deployment has not configured the product, so an unconfigured
 * provider answers the same for every request, valid or not.
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
