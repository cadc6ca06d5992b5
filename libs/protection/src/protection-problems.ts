import { ApiError, ErrorCode, problemExample } from '@app/common';
import { notOffered, quotaVariable, rateLimitVariable } from '@app/config';
import type { RateLimitScope, UploadKind } from '@app/registry';

const REGION_UNKNOWN = 'The region your token names is not a region of this deployment.';

/**
 * The answers of the protection layer as documented: the same status, code and detail as the guard
 * and interceptors send (test/openapi-examples.e2e-spec.ts provokes each one and compares).
 */
export const PROTECTION_PROBLEMS = {
  rateLimited: (scope: RateLimitScope) =>
    problemExample(
      new ApiError(429, ErrorCode.RATE_LIMITED, `Too many ${scope} requests for your account; retry after the indicated delay.`, {
        retryAfterSeconds: 1,
      }),
      `Over the rate limit (${rateLimitVariable(scope)}) for your account or your network address; see the RateLimit headers.`,
    ),
  quotaExceeded: (kind: UploadKind, limit: number) =>
    problemExample(
      new ApiError(429, ErrorCode.QUOTA_EXCEEDED, `The daily quota of ${limit} ${kind} credentials is used up; it resets at 00:00 UTC.`, {
        retryAfterSeconds: 1,
      }),
      `Your daily quota of credentials of this kind (${quotaVariable(kind)}, ${limit} by default) is used up until 00:00 UTC. ` +
        'Answered before the body is judged: an invalid body or a refused choice gets this 429, not a 400.',
    ),
  idempotencyInFlight: problemExample(
    new ApiError(409, ErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress.', {
      retryAfterSeconds: 1,
    }),
    'The first request with this Idempotency-Key is still running.',
  ),
  idempotencyKeyReused: problemExample(
    new ApiError(422, ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request; use a new key.'),
    'This Idempotency-Key was used with another body.',
  ),
  notOffered: (productName: string) =>
    problemExample(notOffered(productName), 'This deployment has not configured the provider (see the README, Configuration).'),
  regionNotAllowed: problemExample(
    new ApiError(403, ErrorCode.REGION_NOT_ALLOWED, REGION_UNKNOWN),
    "With region profiles (REGIONS): the token's region claim names no profile of this deployment, or the provider is " +
      'not configured in your region (then the detail names it). Nothing was issued and no quota spent.',
  ),
};

/** The gate's refusal of a region claim naming no profile, as documented above (ConfigService.offerRefusal gives the others). */
export const REGION_REFUSALS = {
  unknown: (): ApiError => new ApiError(403, ErrorCode.REGION_NOT_ALLOWED, REGION_UNKNOWN),
};
