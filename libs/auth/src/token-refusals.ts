import { TOKEN_ERROR_CODES } from 'fast-jwt';
import { ErrorCode, type Refusal } from '@app/common';

const tokenRefusal = (detail: string): Refusal => ({
  status: 401,
  code: ErrorCode.UNAUTHENTICATED,
  detail,
  headers: { 'www-authenticate': 'Bearer' },
});

export const TOKEN_REFUSALS = {
  missing: tokenRefusal('A valid bearer token is required.'),
  notBearer: tokenRefusal('The Authorization header must be "Bearer <JWT>".'),
  malformed: tokenRefusal('The token is malformed or invalid.'),
  expired: tokenRefusal('The token has expired.'),
  notYetValid: tokenRefusal('The token is not valid yet (nbf).'),
  audience: tokenRefusal('The token audience (aud) is not accepted.'),
  issuer: tokenRefusal('The token issuer (iss) is not accepted.'),
  algorithm: tokenRefusal('The token algorithm is not accepted.'),
  critical: tokenRefusal('The token header lists critical extensions (crit) this service does not support.'),
  unknownKey: tokenRefusal('The token signing key is unknown.'),
  signature: tokenRefusal('The token signature is invalid.'),
  noExpiry: tokenRefusal('The token has no expiry (exp).'),
  noSubject: tokenRefusal('The token has no usable subject (sub).'),
  keysUnavailable: {
    status: 503,
    code: ErrorCode.UPSTREAM_UNAVAILABLE,
    detail: 'The signing keys could not be fetched; retry shortly.',
    retryAfterSeconds: 5,
  } satisfies Refusal,
};

const BY_CODE: Readonly<Record<string, Refusal>> = {
  [TOKEN_ERROR_CODES.malformed]: TOKEN_REFUSALS.malformed,
  [TOKEN_ERROR_CODES.invalidPayload]: TOKEN_REFUSALS.malformed,
  [TOKEN_ERROR_CODES.missingSignature]: TOKEN_REFUSALS.signature,
  [TOKEN_ERROR_CODES.invalidSignature]: TOKEN_REFUSALS.signature,
  [TOKEN_ERROR_CODES.verifyError]: TOKEN_REFUSALS.signature,
  [TOKEN_ERROR_CODES.invalidAlgorithm]: TOKEN_REFUSALS.algorithm,
  [TOKEN_ERROR_CODES.invalidCritHeader]: TOKEN_REFUSALS.critical,
  [TOKEN_ERROR_CODES.inactive]: TOKEN_REFUSALS.notYetValid,
  [TOKEN_ERROR_CODES.expired]: TOKEN_REFUSALS.expired,
};

/** fast-jwt names the claim only in its message ("The aud claim value is not allowed.", "The exp claim is required."). */
function claimRefusal(message: string, missing: boolean): Refusal {
  const claim = /(\w+) claim\b/.exec(message)?.[1];
  if (claim === 'aud') return TOKEN_REFUSALS.audience;
  if (claim === 'iss') return TOKEN_REFUSALS.issuer;
  if (claim === 'exp' && missing) return TOKEN_REFUSALS.noExpiry;
  // An nbf or exp that is not a number.
  return TOKEN_REFUSALS.malformed;
}

/**
 * A short, safe reason for what fast-jwt threw: its messages are mapped, never echoed. Anything
 * unforeseen is the token's fault (401), never a 500.
 */
function refusalFor(error: unknown): Refusal {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const known = typeof code === 'string' ? BY_CODE[code] : undefined;
  if (known) return known;
  const text = typeof message === 'string' ? message : '';
  if (code === TOKEN_ERROR_CODES.missingRequiredClaim) return claimRefusal(text, true);
  if (code === TOKEN_ERROR_CODES.invalidClaimType || code === TOKEN_ERROR_CODES.invalidClaimValue) return claimRefusal(text, false);
  return TOKEN_REFUSALS.malformed;
}

/**
 * Runs a fast-jwt call and answers with data: its result, or the refusal for what it threw. fast-jwt
 * refuses a token by throwing a TokenError; capturing the stack of each (never read) was a third of
 * the cost of refusing a forged token (measured), so none is captured. The call is synchronous:
 * nothing else runs while the limit is lowered.
 */
export function refusingWithoutStacks<T extends object>(call: () => T): T | { refusal: Refusal } {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return call();
  } catch (error) {
    return { refusal: refusalFor(error) };
  } finally {
    Error.stackTraceLimit = limit;
  }
}
