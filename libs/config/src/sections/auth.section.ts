import { bool, int, list, optionalStr, url } from '../env';
import { createPublicKey } from 'node:crypto';
import type { BuildContext, EnvOf } from '../build-context';

export const authEnv = {
  AUTH_JWT_SECRET: optionalStr(),
  AUTH_JWT_PUBLIC_KEY: optionalStr(),
  AUTH_JWKS_URL: url(['https', 'http']),
  AUTH_JWT_ISSUER: optionalStr(),
  AUTH_JWT_AUDIENCE: list(),
  AUTH_JWT_CLOCK_TOLERANCE_SECONDS: int(5, 0, 300),
  AUTH_JWKS_CACHE_MAX_AGE_MS: int(10 * 60_000, 1_000, 24 * 3_600_000),
  AUTH_JWKS_REFETCH_INTERVAL_MS: int(30_000, 1_000, 3_600_000),
  AUTH_JWKS_TIMEOUT_MS: int(3_000, 100, 30_000),
  AUTH_PERMISSIONS_ENABLED: bool(false),
  AUTH_PERMISSIONS_CLAIM: optionalStr().default('scope'),
  /** The claim naming the user's region profile (read only when REGIONS declares profiles). */
  AUTH_REGION_CLAIM: optionalStr().default('region'),
};

type Context = BuildContext<EnvOf<typeof authEnv>>;

export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512';
export type AsymmetricAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

export type JwtKeySource =
  | { kind: 'secret'; secret: string; algorithms: HmacAlgorithm[]; generated: boolean }
  | { kind: 'publicKey'; publicKey: string; algorithms: AsymmetricAlgorithm[] }
  | { kind: 'jwks'; url: string; algorithms: AsymmetricAlgorithm[]; cacheMaxAgeMs: number; refetchIntervalMs: number; timeoutMs: number }
  /** Nothing configured outside production: the sandbox generates a development secret. */
  | { kind: 'none' };

export interface AuthConfig {
  source: JwtKeySource;
  issuer?: string;
  audience: string[];
  clockToleranceSeconds: number;
  permissions: { enabled: boolean; claim: string };
  /** The claim naming the user's region profile; absent from a token: the default profile. */
  regionClaim: string;
}

/** HS256 needs a key at least as long as its output (RFC 7518 §3.2). */
export const MIN_HMAC_SECRET_BYTES = 32;

const HMAC = ['HS256', 'HS384', 'HS512'] as const;
const RSA: AsymmetricAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_BY_CURVE: Record<string, AsymmetricAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

function publicKeyAlgorithms(pem: string): AsymmetricAlgorithm[] | undefined {
  try {
    const key = createPublicKey(pem.replace(/\\n/g, '\n'));
    // Not an RSA-PSS-only key (id-RSASSA-PSS): fast-jwt, which verifies the tokens, cannot use one.
    if (key.asymmetricKeyType === 'rsa') return RSA;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType === 'ec' && curve && EC_BY_CURVE[curve]) return [EC_BY_CURVE[curve]];
    return undefined;
  } catch {
    return undefined;
  }
}

function keySource(ctx: Context): JwtKeySource {
  const { env } = ctx;
  const configured = [env.AUTH_JWT_SECRET, env.AUTH_JWT_PUBLIC_KEY, env.AUTH_JWKS_URL].filter((v) => v !== undefined);
  if (configured.length > 1) {
    ctx.problem('AUTH_JWT_SECRET', 'set exactly one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL');
    return { kind: 'none' };
  }
  if (env.AUTH_JWT_SECRET !== undefined) {
    if (Buffer.byteLength(env.AUTH_JWT_SECRET) < MIN_HMAC_SECRET_BYTES) {
      ctx.problem('AUTH_JWT_SECRET', `must be at least ${MIN_HMAC_SECRET_BYTES} bytes long`);
    }
    return { kind: 'secret', secret: env.AUTH_JWT_SECRET, algorithms: [...HMAC], generated: false };
  }
  if (env.AUTH_JWT_PUBLIC_KEY !== undefined) {
    const algorithms = publicKeyAlgorithms(env.AUTH_JWT_PUBLIC_KEY);
    if (!algorithms) {
      ctx.problem('AUTH_JWT_PUBLIC_KEY', 'must be a PEM-encoded RSA (not RSA-PSS-only) or EC (P-256, P-384, P-521) public key');
      return { kind: 'none' };
    }
    return { kind: 'publicKey', publicKey: env.AUTH_JWT_PUBLIC_KEY.replace(/\\n/g, '\n'), algorithms };
  }
  if (env.AUTH_JWKS_URL !== undefined) {
    if (ctx.isProduction && !env.AUTH_JWKS_URL.startsWith('https:')) {
      ctx.problem('AUTH_JWKS_URL', 'must use https in production');
    }
    return {
      kind: 'jwks',
      url: env.AUTH_JWKS_URL,
      algorithms: [...RSA, 'ES256', 'ES384', 'ES512'],
      cacheMaxAgeMs: env.AUTH_JWKS_CACHE_MAX_AGE_MS,
      refetchIntervalMs: env.AUTH_JWKS_REFETCH_INTERVAL_MS,
      timeoutMs: env.AUTH_JWKS_TIMEOUT_MS,
    };
  }
  if (ctx.isProduction) {
    ctx.problem('AUTH_JWT_SECRET', 'is required in production (or set AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL instead)');
  }
  return { kind: 'none' };
}

const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

export function buildAuth(ctx: Context): AuthConfig {
  const { env } = ctx;
  for (const variable of ['AUTH_PERMISSIONS_CLAIM', 'AUTH_REGION_CLAIM'] as const) {
    if (!CLAIM_NAME.test(env[variable])) ctx.problem(variable, 'must be a claim name of letters, digits, "_", ".", ":" or "-"');
  }
  const source = keySource(ctx);
  // A public key or a JWKS usually belongs to an identity provider that signs tokens for other apps too:
  // without both checks, any of its tokens would be ours.
  if (ctx.isProduction && (source.kind === 'publicKey' || source.kind === 'jwks')) {
    for (const [variable, value] of [
      ['AUTH_JWT_AUDIENCE', env.AUTH_JWT_AUDIENCE.length > 0],
      ['AUTH_JWT_ISSUER', env.AUTH_JWT_ISSUER !== undefined],
    ] as const) {
      if (!value)
        ctx.problem(
          variable,
          'is required in production with AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL (set both AUTH_JWT_AUDIENCE and AUTH_JWT_ISSUER)',
        );
    }
  }
  return {
    source,
    issuer: env.AUTH_JWT_ISSUER,
    audience: env.AUTH_JWT_AUDIENCE,
    clockToleranceSeconds: env.AUTH_JWT_CLOCK_TOLERANCE_SECONDS,
    permissions: { enabled: env.AUTH_PERMISSIONS_ENABLED, claim: env.AUTH_PERMISSIONS_CLAIM },
    regionClaim: env.AUTH_REGION_CLAIM,
  };
}
