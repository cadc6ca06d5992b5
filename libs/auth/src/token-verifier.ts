import { createHmac, createPublicKey, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type Refusal } from '@app/common';
import { ConfigService, type JwtKeySource } from '@app/config';
import { JwksKeyResolver, SigningKeysUnavailableError } from './jwks-key-resolver';
import { permissionsFromClaim } from './permissions';
import type { Principal } from './principal';
import { type JsonObject, type ParsedToken, parseToken, tokenRefusal } from './token-shape';

const SUBJECT = /^[^\p{Cc}]{1,255}$/u;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;
const HMAC_HASHES: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
/** Tokens whose signature was checked, kept so that a client's next request skips the parse and the HMAC. */
const MAX_REMEMBERED_TOKENS = 4096;
/** Longer tokens are checked every time: 4,096 forged 16 KB headers must not hold 64 MB. */
const MAX_REMEMBERED_TOKEN_LENGTH = 2048;

class InvalidTokenError extends Error {
  override name = 'JsonWebTokenError';
}

export const TOKEN_REFUSALS = {
  missing: tokenRefusal('A valid bearer token is required.'),
  notBearer: tokenRefusal('The Authorization header must be "Bearer <JWT>".'),
  malformed: tokenRefusal('The token is malformed or invalid.'),
  expired: tokenRefusal('The token has expired.'),
  notYetValid: tokenRefusal('The token is not valid yet (nbf).'),
  audience: tokenRefusal('The token audience (aud) is not accepted.'),
  issuer: tokenRefusal('The token issuer (iss) is not accepted.'),
  algorithm: tokenRefusal('The token algorithm is not accepted.'),
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

/** What authenticating a request's Authorization header gave: the principal, or the refusal to answer with. */
export type Authentication = { principal: Principal; refusal?: undefined } | { principal?: undefined; refusal: Refusal };

/**
 * Verifies bearer tokens against the one configured key source, with its algorithms pinned, and
 * answers with data rather than exceptions. HMAC tokens (AUTH_JWT_SECRET) are checked here with
 * node:crypto, with jsonwebtoken's exact rules and order (a differential test holds the two
 * together), so a forged token costs one HMAC and no thrown error. Public keys and JWKS go through
 * @nestjs/jwt (jsonwebtoken). Keys reach jsonwebtoken as KeyObjects made once: given a string, it
 * would parse it again on every request.
 */
@Injectable()
export class TokenVerifier {
  private readonly source: JwtKeySource;
  private readonly jwks?: JwksKeyResolver;
  private readonly jwt: JwtService;
  /** The HMAC key and its algorithms, for the node:crypto path; undefined for the other key sources. */
  protected hmacKey?: KeyObject;
  private hmacAlgorithms: readonly string[] = [];
  /**
   * HMAC tokens by their whole text (signature included): the verified payload, or the refusal of a bad
   * signature. Only what never changes for a given token is kept; the time-bound claims (nbf, exp)
   * and the rest are checked on every request. Bounded: emptied when full.
   */
  private readonly signedTokens = new Map<string, JsonObject | Refusal>();

  constructor(private readonly config: ConfigService) {
    this.source = config.auth.source;
    if (this.source.kind === 'jwks') this.jwks = new JwksKeyResolver(this.source);
    if (this.source.kind === 'secret') {
      this.hmacKey = createSecretKey(Buffer.from(this.source.secret, 'utf8'));
      this.hmacAlgorithms = this.source.algorithms;
    }
    this.jwt = new JwtService({ secretOrKeyProvider: this.keyProvider() });
  }

  /** The principal of an `Authorization: Bearer <JWT>` header, or the 401 (503 for a JWKS outage) to answer. */
  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (!authorization) return { refusal: TOKEN_REFUSALS.missing };
    const match = BEARER.exec(authorization);
    if (!match) return { refusal: TOKEN_REFUSALS.notBearer };
    const token = match[1];
    let claims: JsonObject | Refusal;
    const signed = this.signedTokens.get(token);
    if (signed !== undefined) {
      claims = isRefusal(signed) ? signed : this.checkClaims(signed);
    } else {
      const parsed = parseToken(token);
      if (parsed.refusal) return parsed;
      if (this.hmacKey && HMAC_HASHES[parsed.token.header.alg as string] !== undefined) {
        const verdict = this.verifyHmacSignature(token, parsed.token);
        this.remember(token, verdict);
        claims = isRefusal(verdict) ? verdict : this.checkClaims(verdict);
      } else {
        claims = await this.verifyWithLibrary(token);
      }
    }
    if (isRefusal(claims)) return { refusal: claims };

    if (typeof claims.exp !== 'number') return { refusal: TOKEN_REFUSALS.noExpiry };
    // Well-formed too: hashing maps every lone surrogate to U+FFFD, so two such subs would share one user's limits and records.
    const sub = claims.sub;
    if (typeof sub !== 'string' || !SUBJECT.test(sub) || !sub.isWellFormed()) return { refusal: TOKEN_REFUSALS.noSubject };
    return { principal: { id: sub, permissions: permissionsFromClaim(claims[this.config.auth.permissions.claim]) } };
  }

  private remember(token: string, verdict: JsonObject | Refusal): void {
    if (token.length > MAX_REMEMBERED_TOKEN_LENGTH) return;
    if (this.signedTokens.size >= MAX_REMEMBERED_TOKENS) this.signedTokens.clear();
    this.signedTokens.set(token, verdict);
  }

  /**
   * jsonwebtoken's verify for an HS256/384/512 token, step for step: a signature present, the
   * algorithm allowed, the signature (this method: what never changes for a token), then nbf, exp,
   * aud and iss with the clock tolerance (checkClaims).
   */
  private verifyHmacSignature(token: string, { header, payload }: ParsedToken): JsonObject | Refusal {
    const signed = token.lastIndexOf('.');
    const given = token.slice(signed + 1);
    if (given.trim() === '') return TOKEN_REFUSALS.signature;
    const alg = header.alg as string;
    if (!this.hmacAlgorithms.includes(alg)) return TOKEN_REFUSALS.algorithm;
    const expected = createHmac(HMAC_HASHES[alg], this.hmacKey!).update(token.slice(0, signed)).digest('base64url');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return TOKEN_REFUSALS.signature;
    return Object.freeze(payload);
  }

  private checkClaims(payload: JsonObject): JsonObject | Refusal {
    const { auth } = this.config;
    const now = Math.floor(Date.now() / 1000);
    const tolerance = auth.clockToleranceSeconds;
    if (payload.nbf !== undefined) {
      if (typeof payload.nbf !== 'number') return TOKEN_REFUSALS.malformed;
      if (payload.nbf > now + tolerance) return TOKEN_REFUSALS.notYetValid;
    }
    if (payload.exp !== undefined) {
      if (typeof payload.exp !== 'number') return TOKEN_REFUSALS.malformed;
      if (now >= payload.exp + tolerance) return TOKEN_REFUSALS.expired;
    }
    if (auth.audience.length > 0) {
      const targets = Array.isArray(payload.aud) ? (payload.aud as unknown[]) : [payload.aud];
      if (!targets.some((target) => auth.audience.some((audience) => audience === target))) return TOKEN_REFUSALS.audience;
    }
    if (auth.issuer && payload.iss !== auth.issuer) return TOKEN_REFUSALS.issuer;
    return payload;
  }

  /** Through @nestjs/jwt: every key source but the HMAC secret, and the reference the HMAC path is tested against. */
  protected async verifyWithLibrary(token: string): Promise<JsonObject | Refusal> {
    const { auth } = this.config;
    try {
      if (this.source.kind === 'none') throw new InvalidTokenError('no key source');
      return await this.jwt.verifyAsync<JsonObject>(token, {
        issuer: auth.issuer,
        audience: auth.audience.length > 0 ? (auth.audience as [string, ...string[]]) : undefined,
        clockTolerance: auth.clockToleranceSeconds,
        algorithms: this.source.algorithms,
      });
    } catch (error) {
      // Only a key set we could not fetch is our failure (503): the token may well be fine. Anything else is the token's (401).
      return error instanceof SigningKeysUnavailableError ? TOKEN_REFUSALS.keysUnavailable : refusalFor(error);
    }
  }

  /** The verification key of a token: the configured one, or the JWKS key its header names. */
  private keyProvider(): (requestType: unknown, token: string | object | Buffer) => KeyObject | Promise<KeyObject> {
    switch (this.source.kind) {
      case 'secret': {
        const key = this.hmacKey!;
        return () => key;
      }
      case 'publicKey': {
        const key = createPublicKey(this.source.publicKey);
        return () => key;
      }
      case 'jwks':
        return async (_requestType, token) => {
          const header = typeof token === 'string' ? this.jwt.decode(token, { complete: true })?.header : undefined;
          if (!header) throw new InvalidTokenError('malformed');
          return this.jwks!.publicKey(header.kid);
        };
      case 'none':
        return () => {
          throw new InvalidTokenError('no key source');
        };
    }
  }
}

const REFUSALS = new Set<unknown>(Object.values(TOKEN_REFUSALS));

/** Claims are parsed from the token, so a refusal is told apart by identity, never by its shape. */
function isRefusal(value: JsonObject | Refusal): value is Refusal {
  return REFUSALS.has(value);
}

/** A short, safe reason. jsonwebtoken's messages are fine to map but never echoed raw. */
function refusalFor(error: unknown): Refusal {
  const name = (error as { name?: string })?.name;
  const message = (error as { message?: string })?.message ?? '';
  if (name === 'TokenExpiredError') return TOKEN_REFUSALS.expired;
  if (name === 'NotBeforeError') return TOKEN_REFUSALS.notYetValid;
  if (message.includes('audience')) return TOKEN_REFUSALS.audience;
  if (message.includes('issuer')) return TOKEN_REFUSALS.issuer;
  if (message.includes('algorithm')) return TOKEN_REFUSALS.algorithm;
  if (name === 'SigningKeyNotFoundError') return TOKEN_REFUSALS.unknownKey;
  if (message.includes('signature')) return TOKEN_REFUSALS.signature;
  return TOKEN_REFUSALS.malformed;
}
