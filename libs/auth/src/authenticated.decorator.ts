import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiError, ApiProblems, ErrorCode, GateRoute, problemExample } from '@app/common';
import { AuthGuard } from './auth.guard';
export const BEARER_SCHEME = 'bearer';

/** What the AuthGuard answers (auth.guard.ts, token-verifier.ts), as documented on every authenticated route. */
export const AUTH_PROBLEMS = {
  unauthenticated: problemExample(ApiError.unauthenticated(), 'No bearer token (or a malformed, expired or otherwise invalid one).'),
  signingKeysUnavailable: problemExample(
    new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'The signing keys could not be fetched; retry shortly.', { retryAfterSeconds: 5 }),
    "The token issuer's signing keys (AUTH_JWKS_URL) cannot be fetched.",
    { name: 'SIGNING_KEYS_UNAVAILABLE' },
  ),
  forbidden: (permission: string) =>
    problemExample(
      new ApiError(403, ErrorCode.FORBIDDEN, `The token lacks the permission ${permission}.`),
      `The token lacks ${permission} (checked when AUTH_PERMISSIONS_ENABLED=true).`,
    ),
};

/**
 * Marks a route as authenticated by a bearer JWT (checked by the request gate before the body is
 * read), optionally requiring a per-kind permission (enforced when AUTH_PERMISSIONS_ENABLED=true),
 * and documents the scheme and its 401, 403 and 503.
 */
export function Authenticated(permission?: string): MethodDecorator {
  const problems = [AUTH_PROBLEMS.unauthenticated, AUTH_PROBLEMS.signingKeysUnavailable];
  const decorators = [GateRoute({ permission }), UseGuards(AuthGuard), ApiBearerAuth(BEARER_SCHEME)];
  if (permission) {
    problems.push(AUTH_PROBLEMS.forbidden(permission));
  }
  return applyDecorators(...decorators, ApiProblems(...problems));
}
