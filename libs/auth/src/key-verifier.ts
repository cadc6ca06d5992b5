import { type Algorithm, createDecoder, createVerifier } from 'fast-jwt';
import type { Refusal } from '@app/common';
import type { AuthConfig } from '@app/config';
import { refusingWithoutStacks, TOKEN_REFUSALS } from './token-refusals';

export type Claims = Record<string, unknown>;

/** What verifying a token gave: its claims, or the refusal to answer with. */
export type TokenVerdict = { claims: Claims; refusal?: undefined } | { claims?: undefined; refusal: Refusal };

/** Verifies tokens signed with one key; synchronous, never throws. */
export type KeyVerifier = (token: string) => TokenVerdict;

/**
 * fast-jwt's verifier for one key (an HMAC secret or a PEM public key) under the configured rules:
 * the key source's algorithms pinned, `exp` required, `aud` and `iss` required and matched exactly
 * when configured, `nbf` and `exp` with the clock tolerance, and any `crit` header refused (we
 * understand no JWS extension, RFC 7515 §4.1.11).
 */
export function keyVerifier(key: string, algorithms: readonly Algorithm[], auth: AuthConfig): KeyVerifier {
  const audience = auth.audience.length > 0 ? auth.audience : undefined;
  const verify = createVerifier({
    key,
    algorithms: [...algorithms],
    clockTolerance: auth.clockToleranceSeconds * 1000,
    // fast-jwt checks aud and iss only when present: configured, they must be.
    requiredClaims: ['exp', ...(audience ? ['aud'] : []), ...(auth.issuer ? ['iss'] : [])],
    allowedAud: audience,
    allowedIss: auth.issuer,
  });
  return (token) => {
    const verdict = refusingWithoutStacks((): TokenVerdict => ({ claims: verify(token) as Claims }));
    return verdict.refusal || hasCanonicalSignature(token) ? verdict : { refusal: TOKEN_REFUSALS.signature };
  };
}

/**
 * fast-jwt decodes the signature leniently: the spare low bits of its last base64url character are
 * ignored, so one HS256 signature has four spellings that it accepts and jsonwebtoken refuses
 * (RFC 4648 §3.5 lets a decoder refuse them). A token it admits has one spelling here.
 */
function hasCanonicalSignature(token: string): boolean {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

const decode = createDecoder({ complete: true });

/** A token's header, to find its key in a key set; or the refusal of a token that is not one. */
export function tokenHeader(token: string): { header: Claims; refusal?: undefined } | { header?: undefined; refusal: Refusal } {
  return refusingWithoutStacks(() => ({ header: (decode(token) as { header: Claims }).header }));
}
