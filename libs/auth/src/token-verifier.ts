import { Injectable } from '@nestjs/common';
import type { Refusal } from '@app/common';
import { type AuthConfig, ConfigService } from '@app/config';
import { JwksKeyResolver, SigningKeysUnavailableError } from './jwks-key-resolver';
import { type KeyVerifier, keyVerifier, tokenHeader, type TokenVerdict } from './key-verifier';
import { principalFromClaims, type RegionClaim } from './principal-from-claims';
import type { Principal } from './principal';
import { RememberedVerdicts } from './remembered-verdicts';
import { TOKEN_REFUSALS } from './token-refusals';

export { TOKEN_REFUSALS } from './token-refusals';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/** What authenticating a request's Authorization header gave: the principal, or the refusal to answer with. */
export type Authentication = { principal: Principal; refusal?: undefined } | { principal?: undefined; refusal: Refusal };

/**
 * Verifies bearer tokens against the one configured key source and answers with data rather than
 * exceptions. Every token, whatever the source (HMAC secret, PEM public key, JWKS), is verified by
 * fast-jwt, chosen because it refuses `crit` and gives jsonwebtoken's verdicts elsewhere (a BOM, a
 * part that is not a JSON object) and verifies synchronously with node:crypto, where jose admits a
 * BOM and costs 5 to 10 times as much per HMAC token through WebCrypto, and jsonwebtoken ignores
 * `crit`. Verdicts on tokens for a fixed key are remembered.
 */
@Injectable()
export class TokenVerifier {
  private readonly verdictOn: (token: string) => TokenVerdict | Promise<TokenVerdict>;
  /** Read only when REGIONS declares profiles: without it no token has a region. */
  private readonly regions?: RegionClaim;

  constructor(private readonly config: ConfigService) {
    this.verdictOn = verdictSource(config.auth);
    const { declared, names, default: fallback } = config.regions;
    if (declared) this.regions = { claim: config.auth.regionClaim, profiles: names, default: fallback };
  }

  /** The principal of an `Authorization: Bearer <JWT>` header, or the 401 (503 for a JWKS outage) to answer. */
  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (!authorization) return { refusal: TOKEN_REFUSALS.missing };
    const match = BEARER.exec(authorization);
    if (!match) return { refusal: TOKEN_REFUSALS.notBearer };
    // Only a key set makes us wait; a fixed key answers at once.
    const pending = this.verdictOn(match[1]);
    const { claims, refusal } = pending instanceof Promise ? await pending : pending;
    if (refusal) return { refusal };
    const principal = principalFromClaims(claims, this.config.auth.permissions.claim, this.regions);
    return principal ? { principal } : { refusal: TOKEN_REFUSALS.noSubject };
  }
}

function verdictSource(auth: AuthConfig): (token: string) => TokenVerdict | Promise<TokenVerdict> {
  const { source } = auth;
  switch (source.kind) {
    case 'secret':
      return remembering(keyVerifier(source.secret, source.algorithms, auth));
    case 'publicKey':
      return remembering(keyVerifier(source.publicKey, source.algorithms, auth));
    case 'jwks': {
      const keys = new JwksKeyResolver(source, (pem) => keyVerifier(pem, source.algorithms, auth));
      return (token) => verdictWithKeySet(keys, token);
    }
    case 'none':
      return () => ({ refusal: TOKEN_REFUSALS.malformed });
  }
}

function remembering(verify: KeyVerifier): KeyVerifier {
  const verdicts = new RememberedVerdicts();
  return (token) => {
    let verdict = verdicts.recall(token);
    if (verdict === undefined) {
      verdict = verify(token);
      verdicts.remember(token, verdict);
    }
    return verdict;
  };
}

/** Not remembered: a key set changes, and a token's verdict with it. */
async function verdictWithKeySet(keys: JwksKeyResolver<KeyVerifier>, token: string): Promise<TokenVerdict> {
  const { header, refusal } = tokenHeader(token);
  if (refusal) return { refusal };
  let verify: KeyVerifier;
  try {
    verify = await keys.keyFor(header.kid);
  } catch (error) {
    // Only a key set we could not fetch is our failure (503): the token may well be fine.
    return { refusal: error instanceof SigningKeysUnavailableError ? TOKEN_REFUSALS.keysUnavailable : TOKEN_REFUSALS.unknownKey };
  }
  return verify(token);
}
