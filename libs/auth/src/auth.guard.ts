import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { REQUIRED_PERMISSION } from './required-permission';
import { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
    private readonly config: ConfigService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (!header) throw ApiError.unauthenticated();
    const match = BEARER.exec(header);
    if (!match) throw ApiError.unauthenticated('The Authorization header must be "Bearer <JWT>".');

    const principal = await this.verifier.verify(match[1]);
    request.user = principal;

    const required = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    if (required && this.config.auth.permissions.enabled && !principal.permissions.includes(required)) {
      throw new ApiError(403, ErrorCode.FORBIDDEN, `The token lacks the permission ${required}.`);
    }
    return true;
  }
}
