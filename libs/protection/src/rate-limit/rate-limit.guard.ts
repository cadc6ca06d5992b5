import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { Store } from '@app/store';
import { ProtectionKeys } from '../protection-keys';
import { rateLimitScopeOf } from '../upload-kind';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit-headers';

/**
 * Per user and per client IP limits of the route's upload kind, in one atomic store call (GCRA:
 * smooth, no double burst at a window edge). The client IP honours X-Forwarded-For only as far as
 * TRUST_PROXY allows (Fastify's request.ip). Runs after the AuthGuard.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = rateLimitScopeOf(this.reflector, context);
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const policy = this.config.protection.rateLimits[kind];
    const ip = clientIp(request);
    // The connection is gone, so nobody will read the answer: spend nothing more on it.
    if (ip === undefined) throw new ApiError(400, ErrorCode.MALFORMED_REQUEST, 'The connection closed before the request was handled.');
    const result = await this.store.rateLimit([
      {
        key: ProtectionKeys.rateLimit(kind, 'user', request.user!.id),
        limit: policy.user.limit,
        periodMs: policy.user.windowSeconds * 1000,
      },
      { key: ProtectionKeys.rateLimit(kind, 'ip', ip), limit: policy.ip.limit, periodMs: policy.ip.windowSeconds * 1000 },
    ]);
    http.getResponse<FastifyReply>().header('ratelimit-policy', rateLimitPolicyHeader(policy)).header('ratelimit', rateLimitHeader(result));
    if (!result.allowed) {
      const scope = result.rules[0].remaining < 1 ? 'for your account' : 'from your network address';
      throw new ApiError(429, ErrorCode.RATE_LIMITED, `Too many ${kind} requests ${scope}; retry after the indicated delay.`, {
        retryAfterSeconds: result.retryAfterMs / 1000,
      });
    }
    return true;
  }
}

/** Fastify reads the address from the live socket: once the client is gone it is undefined, or proxy-addr throws (TRUST_PROXY). */
function clientIp(request: FastifyRequest): string | undefined {
  try {
    return request.ip;
  } catch {
    return undefined;
  }
}
