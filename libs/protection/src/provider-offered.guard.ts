import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService, notOffered } from '@app/config';
import { uploadKind } from '@app/registry';
import { uploadKindOf } from './upload-kind';

/**
 * 501 when the deployment does not offer the route's product, after authentication and the rate
 * limit but before the body is validated: an unconfigured product answers every request the same.
 */
@Injectable()
export class ProviderOfferedGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: ConfigService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const { provider } = uploadKind(uploadKindOf(this.reflector, context));
    if (!this.config.offers(provider)) throw notOffered(provider);
    return true;
  }
}
