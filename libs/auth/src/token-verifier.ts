import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService, type JwtKeySource } from '@app/config';
import { JwksKeyResolver, SigningKeysUnavailableError } from './jwks-key-resolver';
import { permissionsFromClaim } from './permissions';
import type { Principal } from './principal';
import { checkTokenShape } from './token-shape';

const SUBJECT = /^[^\p{Cc}]{1,255}$/u;

class InvalidTokenError extends Error {
  override name = 'JsonWebTokenError';
}

interface Claims {
  sub?: unknown;
  exp?: unknown;
  [claim: string]: unknown;
}

/**
 * Verifies bearer tokens against the one configured key source, with its algorithms pinned.
 * The key reaches jsonwebtoken as a KeyObject made once: given a string, it would parse it again
 * on every request, first as a PEM public key (which throws, for an HMAC secret), then as a secret.
 */
@Injectable()
export class TokenVerifier {
  private readonly source: JwtKeySource;
  private readonly jwks?: JwksKeyResolver;
  private readonly jwt: JwtService;

  constructor(private readonly config: ConfigService) {
    this.source = config.auth.source;
    if (this.source.kind === 'jwks') this.jwks = new JwksKeyResolver(this.source);
    this.jwt = new JwtService({ secretOrKeyProvider: this.keyProvider() });
  }

  async verify(token: string): Promise<Principal> {
    const { auth } = this.config;
    checkTokenShape(token);
    const claims = await this.verifySignature(token).catch((error: unknown) => {
      // Only a key set we could not fetch is our failure (503): the token may well be fine. Anything else is the token's (401).
      if (error instanceof SigningKeysUnavailableError) {
        throw new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'The signing keys could not be fetched; retry shortly.', {
          retryAfterSeconds: 5,
          cause: error,
        });
      }
      throw ApiError.unauthenticated(reasonFor(error));
    });
    if (typeof claims.exp !== 'number') throw ApiError.unauthenticated('The token has no expiry (exp).');
    // Well-formed too: hashing maps every lone surrogate to U+FFFD, so two such subs would share one user's limits and records.
    if (typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub) || !claims.sub.isWellFormed()) {
      throw ApiError.unauthenticated('The token has no usable subject (sub).');
    }
    return { id: claims.sub, permissions: permissionsFromClaim(claims[auth.permissions.claim]) };
  }

  private verifySignature(token: string): Promise<Claims> {
    const { auth } = this.config;
    if (this.source.kind === 'none') return Promise.reject(new InvalidTokenError('no key source'));
    return this.jwt.verifyAsync<Claims>(token, {
      issuer: auth.issuer,
      audience: auth.audience.length > 0 ? (auth.audience as [string, ...string[]]) : undefined,
      clockTolerance: auth.clockToleranceSeconds,
      algorithms: this.source.algorithms,
    });
  }

  /** The verification key of a token: the configured one, or the JWKS key its header names. */
  private keyProvider(): (requestType: unknown, token: string | object | Buffer) => KeyObject | Promise<KeyObject> {
    switch (this.source.kind) {
      case 'secret': {
        const key = createSecretKey(Buffer.from(this.source.secret, 'utf8'));
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

/** A short, safe reason. jsonwebtoken's messages are fine to map but never echoed raw. */
function reasonFor(error: unknown): string {
  const name = (error as { name?: string })?.name;
  const message = (error as { message?: string })?.message ?? '';
  if (name === 'TokenExpiredError') return 'The token has expired.';
  if (name === 'NotBeforeError') return 'The token is not valid yet (nbf).';
  if (message.includes('audience')) return 'The token audience (aud) is not accepted.';
  if (message.includes('issuer')) return 'The token issuer (iss) is not accepted.';
  if (message.includes('algorithm')) return 'The token algorithm is not accepted.';
  if (name === 'SigningKeyNotFoundError') return 'The token signing key is unknown.';
  if (message.includes('signature')) return 'The token signature is invalid.';
  return 'The token is malformed or invalid.';
}
