import { createHash } from 'node:crypto';
import { type KindSpec, type ProviderCatalog, recordOf } from '@app/registry';
import { int, list, optionalStr } from '../env';
import type { BuildContext, EnvOf } from '../build-context';
import type { storeEnv } from './store.section';

/** `RATE_LIMIT_ACME_MEDIA_VIDEO` for the kind `acme-media-video`. */
export const rateLimitVariable = (scope: string) => `RATE_LIMIT_${constantCase(scope)}`;
export const quotaVariable = (kind: string) => `DAILY_QUOTA_${constantCase(kind)}`;
export const budgetVariable = (upstreamApi: string) => `UPSTREAM_BUDGET_${constantCase(upstreamApi)}_PER_SECOND`;

function constantCase(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

const quotaKinds = (catalog: ProviderCatalog): KindSpec[] => catalog.kinds.filter((kind) => kind.quota !== undefined);

/** Variables named after a catalog entry: one per upload kind (and the records) or upstream API. */
export function protectionRegistryVariables(catalog: ProviderCatalog): string[] {
  return [
    ...catalog.rateLimitScopes.map(rateLimitVariable),
    ...quotaKinds(catalog).map((kind) => quotaVariable(kind.id)),
    ...catalog.upstreamApis.map((api) => budgetVariable(api.id)),
  ];
}

export const protectionEnv = {
  RATE_LIMIT_DEFAULT: optionalStr().default('user:30/1m,ip:300/1m'),
  UPSTREAM_BUDGET_MAX_WAIT_MS: int(250, 0, 10_000),
  IDEMPOTENCY_LOCK_TTL_SECONDS: int(60, 5, 3_600),
  IDEMPOTENCY_REPLAY_MARGIN_SECONDS: int(120, 0, 3_600),
  CACHE_ENCRYPTION_KEY: optionalStr(),
  CACHE_ENCRYPTION_PREVIOUS_KEYS: list(),
};

type Context = BuildContext<
  EnvOf<typeof protectionEnv> & Pick<EnvOf<typeof storeEnv>, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_CLUSTER_NODES'>
>;

export const protectionSecrets = ['CACHE_ENCRYPTION_KEY'];

export interface RateLimitPolicy {
  /** Per user and per client IP, each `limit` requests per `windowSeconds`. */
  user: { limit: number; windowSeconds: number };
  ip: { limit: number; windowSeconds: number };
}

export interface EncryptionKey {
  /** Non-secret id written into every envelope, so old envelopes find their key after a rotation. */
  id: string;
  key: Buffer;
}

export interface ProtectionConfig {
  /** By rate-limit scope: each upload kind, and the upload records. */
  rateLimits: Readonly<Record<string, RateLimitPolicy>>;
  /** Credentials a user may obtain per kind per UTC day; absent for kinds that issue none. */
  dailyQuotas: Readonly<Record<string, number>>;
  /** Calls per second per operation of each upstream API, shared by all replicas. */
  upstreamBudgets: Readonly<Record<string, number>>;
  upstreamMaxWaitMs: number;
  idempotency: { lockTtlSeconds: number; replayMarginSeconds: number };
  /** The current key first; previous keys only decrypt. Empty: the in-process store makes one up. */
  encryptionKeys: EncryptionKey[];
}

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const FALLBACK_POLICY: RateLimitPolicy = { user: { limit: 30, windowSeconds: 60 }, ip: { limit: 300, windowSeconds: 60 } };

/** `user:30/1m,ip:300/1m`: each part optional, falling back to `fallback`. */
function parsePolicy(raw: string, fallback?: RateLimitPolicy): RateLimitPolicy | undefined {
  const parts = new Map<string, { limit: number; windowSeconds: number }>();
  for (const item of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(user|ip):(\d{1,7})\/(\d{1,5})?([smh])$/.exec(item);
    if (!match || Number(match[2]) < 1) return undefined;
    parts.set(match[1], { limit: Number(match[2]), windowSeconds: Number(match[3] ?? '1') * WINDOW_UNITS[match[4]] });
  }
  const user = parts.get('user') ?? fallback?.user;
  const ip = parts.get('ip') ?? fallback?.ip;
  return user && ip ? { user, ip } : undefined;
}

const POLICY_RULE = 'must look like user:30/1m,ip:300/1m (limit per window in s, m or h)';

/** 32 bytes, base64 or base64url. */
function decodeKey(raw: string): Buffer | undefined {
  const key = Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
  return key.length === 32 ? key : undefined;
}

/** 32 random bytes have about 28 distinct values; fewer than 16 (all one byte, a repeated word) is not a random key. */
const MIN_DISTINCT_KEY_BYTES = 16;
const looksRandom = (key: Buffer) => new Set(key).size >= MIN_DISTINCT_KEY_BYTES;

export const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** The policy with every limit multiplied, the windows unchanged. */
function scaled(policy: RateLimitPolicy, factor: number): RateLimitPolicy {
  return {
    user: { ...policy.user, limit: policy.user.limit * factor },
    ip: { ...policy.ip, limit: policy.ip.limit * factor },
  };
}

/** Each scope's own variable, its parts falling back to RATE_LIMIT_DEFAULT times the scope's factor. */
function rateLimits(ctx: Context, catalog: ProviderCatalog): Record<string, RateLimitPolicy> {
  const parsed = parsePolicy(ctx.env.RATE_LIMIT_DEFAULT);
  if (!parsed) ctx.problem('RATE_LIMIT_DEFAULT', POLICY_RULE);
  const fallback = parsed ?? FALLBACK_POLICY;
  return recordOf(catalog.rateLimitScopes, (scope) => {
    const base = scaled(fallback, catalog.rateLimitFactor(scope));
    const raw = ctx.read(rateLimitVariable(scope), optionalStr());
    const policy = raw === undefined ? base : parsePolicy(raw, base);
    if (!policy) ctx.problem(rateLimitVariable(scope), POLICY_RULE);
    return policy ?? base;
  });
}

function dailyQuotas(ctx: Context, catalog: ProviderCatalog): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const kind of quotaKinds(catalog)) quotas[kind.id] = ctx.read(quotaVariable(kind.id), int(kind.quota ?? 0, 0, 1_000_000));
  return quotas;
}

/**
 * `env`: the raw variables, for the defaults that depend on a provider's settings (its region's QPS cap).
 * Built once per region profile, over the profile's view of the variables.
 */
export function upstreamBudgets(
  ctx: Pick<BuildContext<unknown>, 'read' | 'problem'>,
  catalog: ProviderCatalog,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, number> {
  const apis = new Map(catalog.upstreamApis.map((api) => [api.id, api]));
  return recordOf([...apis.keys()], (id) => {
    const raw = ctx.read(budgetVariable(id), optionalStr());
    const value = raw === undefined ? apis.get(id)!.defaultBudget(env) : Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > 100_000) {
      ctx.problem(budgetVariable(id), 'must be a number of calls per second above 0');
    }
    return value;
  });
}

function encryptionKeys(ctx: Context): EncryptionKey[] {
  const { env } = ctx;
  const keys: EncryptionKey[] = [];
  [env.CACHE_ENCRYPTION_KEY, ...env.CACHE_ENCRYPTION_PREVIOUS_KEYS].forEach((raw, index) => {
    if (raw === undefined) return;
    const key = decodeKey(raw);
    const variable = index === 0 ? 'CACHE_ENCRYPTION_KEY' : 'CACHE_ENCRYPTION_PREVIOUS_KEYS';
    if (!key) ctx.problem(variable, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');
    else if (!looksRandom(key)) ctx.problem(variable, 'is not random enough: make one with openssl rand -base64 32');
    else keys.push({ id: keyId(key), key });
  });
  const usesRedis = env.REDIS_URL !== undefined || env.REDIS_SENTINELS.length > 0 || env.REDIS_CLUSTER_NODES.length > 0;
  if (usesRedis && env.CACHE_ENCRYPTION_KEY === undefined) {
    ctx.problem('CACHE_ENCRYPTION_KEY', 'is required with Redis: credentials kept there are encrypted with it');
  }
  if (env.CACHE_ENCRYPTION_KEY === undefined && keys.length > 0) {
    ctx.problem('CACHE_ENCRYPTION_PREVIOUS_KEYS', 'needs CACHE_ENCRYPTION_KEY for new data');
  }
  return keys;
}

/** `budgets`: the default region profile's upstream budgets (`upstreamBudgets`, built with the profiles). */
export function buildProtection(ctx: Context, catalog: ProviderCatalog, budgets: Readonly<Record<string, number>>): ProtectionConfig {
  return {
    rateLimits: rateLimits(ctx, catalog),
    dailyQuotas: dailyQuotas(ctx, catalog),
    upstreamBudgets: budgets,
    upstreamMaxWaitMs: ctx.env.UPSTREAM_BUDGET_MAX_WAIT_MS,
    idempotency: {
      lockTtlSeconds: ctx.env.IDEMPOTENCY_LOCK_TTL_SECONDS,
      replayMarginSeconds: ctx.env.IDEMPOTENCY_REPLAY_MARGIN_SECONDS,
    },
    encryptionKeys: encryptionKeys(ctx),
  };
}
