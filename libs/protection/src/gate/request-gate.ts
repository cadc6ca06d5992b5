import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Principal, TokenVerifier } from '@app/auth';
import { ApiError, ErrorCode, gateSpecOf, type GateSpec, type ProblemWriter, type Refusal } from '@app/common';
import { ConfigService } from '@app/config';
import type { RateLimitScope } from '@app/registry';
import { Store } from '@app/store';
import { ProtectionKeys } from '../protection-keys';
import { REGION_REFUSALS } from '../protection-problems';
import { rateLimitHeader, rateLimitPolicyHeader } from '../rate-limit/rate-limit-headers';

const CONNECTION_GONE: Refusal = {
  status: 400,
  code: ErrorCode.MALFORMED_REQUEST,
  detail: 'The connection closed before the request was handled.',
};

/**
 * Everything a route declares with @Authenticated, @RateLimited and @ProtectedUpload, checked in a
 * Fastify hook before the body is read or parsed, in this order: the bearer token and the route's
 * permission (401/403, 503 when JWKS keys cannot be fetched), the per-user and per-IP limits in one
 * atomic store call (429, GCRA), whether the deployment offers the product (501) and, with region
 * profiles, offers it in the user's region (403 REGION_NOT_ALLOWED). A refusal is
 * written as a problem at once, without an exception; an admitted request carries `request.user`.
 */
@Injectable()
export class RequestGate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  /** Runs after every onRequest hook (CORS, security headers, request context) and before the body is parsed. */
  register(fastify: FastifyInstance, problems: ProblemWriter): void {
    fastify.addHook('preParsing', (request, reply, payload, done) => {
      const spec = gateSpecOf(request);
      if (!spec) return done(null, payload);
      this.admit(request, reply, spec).then(
        (refusal) => {
          if (refusal === undefined) return done(null, payload);
          // Answered here: done() is not called, so neither the body nor the handler is reached.
          if (refusal instanceof ApiError) problems.write(refusal, request, reply);
          else problems.refuse(refusal, request, reply);
        },
        (error: unknown) => {
          problems.write(error, request, reply);
        },
      );
    });
  }

  private async admit(request: FastifyRequest, reply: FastifyReply, spec: GateSpec): Promise<Refusal | ApiError | undefined> {
    const { principal, refusal } = await this.verifier.authenticate(request.headers.authorization);
    if (refusal) return refusal;
    request.user = principal;
    const { permission } = spec;
    if (permission && this.config.auth.permissions.enabled && !principal.permissions.includes(permission)) {
      return { status: 403, code: ErrorCode.FORBIDDEN, detail: `The token lacks the permission ${permission}.` };
    }
    if (spec.rateLimit !== undefined) {
      const limited = await this.rateLimit(request, reply, spec.rateLimit, principal.id);
      if (limited) return limited;
    }
    if (spec.offered === undefined) return undefined;
    return this.offered(spec.offered, principal, spec.existingUpload === true || spec.uploadInBody === true);
  }

  /**
   * 501 when no region offers the product; with region profiles, 403 when the user's region is none of
   * them (an unknown claim) or does not offer it. The user never falls back to another region. A route on
   * an existing upload is served by the upload's region (its record says which), so the user's region need
   * only be a known one: a user moved to a region without the product still refreshes an upload made before.
   * A route whose body may name such an upload (uploadInBody) leaves the rest to its handler, which knows.
   */
  private offered(product: string, principal: Principal, existingUpload: boolean): ApiError | undefined {
    if (this.config.regions.declared && this.config.offersAnywhere(product)) {
      if (principal.region === undefined) return REGION_REFUSALS.unknown();
      if (existingUpload) return undefined;
    }
    return this.config.offerRefusal(product, principal.region);
  }

  /**
   * Per user and per client IP limits of `scope`, in one atomic store call (GCRA: smooth, no double
   * burst at a window edge). The client IP honours X-Forwarded-For only as far as TRUST_PROXY allows
   * (Fastify's request.ip).
   */
  private async rateLimit(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: RateLimitScope,
    userId: string,
  ): Promise<Refusal | undefined> {
    const policy = this.config.protection.rateLimits[scope];
    const ip = clientIp(request);
    // The connection is gone, so nobody will read the answer: spend nothing more on it.
    if (ip === undefined) return CONNECTION_GONE;
    const result = await this.store.rateLimit([
      { key: ProtectionKeys.rateLimit(scope, 'user', userId), limit: policy.user.limit, periodMs: policy.user.windowSeconds * 1000 },
      { key: ProtectionKeys.rateLimit(scope, 'ip', ip), limit: policy.ip.limit, periodMs: policy.ip.windowSeconds * 1000 },
    ]);
    reply.header('ratelimit-policy', rateLimitPolicyHeader(policy)).header('ratelimit', rateLimitHeader(result));
    if (result.allowed) return undefined;
    const who = result.rules[0].remaining < 1 ? 'for your account' : 'from your network address';
    return {
      status: 429,
      code: ErrorCode.RATE_LIMITED,
      detail: `Too many ${scope} requests ${who}; retry after the indicated delay.`,
      retryAfterSeconds: result.retryAfterMs / 1000,
    };
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
