import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ICE_UPLOAD_QPS_ASSUMED, VOD_UPLOAD_QPS } from '@app/aliyun/aliyun.constants';
import { VOD_QPS_LIMITS } from '@app/tencent/tencent-vod.facts';
import { int, list, optionalStr } from '../env';
import type { BuildContext } from '../schema';

/**
 * The upload kinds a route can declare. Each has its own rate limits; the ones that issue a new
 * upload credential also have a daily quota per user.
 */
export const UPLOAD_KINDS = {
  'aliyun-vod-video': { quota: 50 },
  'aliyun-vod-video-refresh': { quota: undefined },
  'aliyun-vod-image': { quota: 200 },
  'aliyun-vod-attached-media': { quota: 100 },
  'aliyun-ims-media': { quota: 50 },
  'aliyun-ims-media-refresh': { quota: undefined },
  'tencent-vod-media': { quota: 50 },
  'tencent-vod-commit': { quota: undefined },
  'tencent-vod-signature': { quota: 50 },
} as const satisfies Record<string, { quota: number | undefined }>;

export type UploadKind = keyof typeof UPLOAD_KINDS;

export const UPSTREAM_PROVIDERS = ['aliyun-vod', 'aliyun-ice', 'tencent-vod'] as const;
export type UpstreamProvider = (typeof UPSTREAM_PROVIDERS)[number];

/** `RATE_LIMIT_ALIYUN_VOD_VIDEO` for `aliyun-vod-video`. */
export const rateLimitVariable = (kind: UploadKind) => `RATE_LIMIT_${kind.toUpperCase().replace(/-/g, '_')}`;
export const quotaVariable = (kind: UploadKind) => `DAILY_QUOTA_${kind.toUpperCase().replace(/-/g, '_')}`;
export const budgetVariable = (provider: UpstreamProvider) => `UPSTREAM_BUDGET_${provider.toUpperCase().replace(/-/g, '_')}_PER_SECOND`;

const kinds = Object.keys(UPLOAD_KINDS) as UploadKind[];

export const protectionEnv = {
  RATE_LIMIT_DEFAULT: optionalStr().default('user:30/1m,ip:300/1m'),
  ...Object.fromEntries(kinds.map((kind) => [rateLimitVariable(kind), optionalStr()])),
  ...Object.fromEntries(kinds.filter((kind) => UPLOAD_KINDS[kind].quota !== undefined).map((kind) => [quotaVariable(kind), int(UPLOAD_KINDS[kind].quota!, 0, 1_000_000)])),
  ...Object.fromEntries(UPSTREAM_PROVIDERS.map((provider) => [budgetVariable(provider), optionalStr()])),
  UPSTREAM_BUDGET_MAX_WAIT_MS: int(250, 0, 10_000),
  IDEMPOTENCY_LOCK_TTL_SECONDS: int(60, 5, 3_600),
  IDEMPOTENCY_REPLAY_MARGIN_SECONDS: int(120, 0, 3_600),
  CACHE_ENCRYPTION_KEY: optionalStr(),
  CACHE_ENCRYPTION_PREVIOUS_KEYS: list(),
} as Record<string, z.ZodType<unknown, unknown>>;

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
  rateLimits: Record<UploadKind, RateLimitPolicy>;
  /** Credentials a user may obtain per kind per UTC day; absent for kinds that issue none. */
  dailyQuotas: Partial<Record<UploadKind, number>>;
  /** Calls per second per provider operation, shared by all replicas. */
  upstreamBudgets: Record<UpstreamProvider, number>;
  upstreamMaxWaitMs: number;
  idempotency: { lockTtlSeconds: number; replayMarginSeconds: number };
  /** The current key first; previous keys only decrypt. Empty: the in-process store makes one up. */
  encryptionKeys: EncryptionKey[];
}

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** `user:30/1m,ip:300/1m`: each part optional, falling back to `fallback`. */
function parsePolicy(raw: string, fallback?: RateLimitPolicy): RateLimitPolicy | undefined {
  const parts = new Map<string, { limit: number; windowSeconds: number }>();
  for (const item of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
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

export const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** Our default share of a provider's documented QPS cap: a burst from our users never becomes provider throttling. */
const BUDGET_SHARE = 0.75;

function defaultBudget(provider: UpstreamProvider, env: Record<string, unknown>): number {
  switch (provider) {
    case 'aliyun-vod': {
      const region = String(env.ALIBABA_CLOUD_VOD_REGION ?? 'cn-shanghai');
      const main = (VOD_UPLOAD_QPS.main as readonly string[]).includes(region);
      return BUDGET_SHARE * (main ? VOD_UPLOAD_QPS.mainRegions : VOD_UPLOAD_QPS.otherRegions);
    }
    case 'aliyun-ice':
      return BUDGET_SHARE * ICE_UPLOAD_QPS_ASSUMED;
    case 'tencent-vod':
      return BUDGET_SHARE * Math.min(VOD_QPS_LIMITS.ApplyUpload, VOD_QPS_LIMITS.CommitUpload);
  }
}

export function buildProtection(ctx: BuildContext): ProtectionConfig {
  const env = ctx.env as Record<string, unknown>;
  const fallback = parsePolicy(String(env.RATE_LIMIT_DEFAULT));
  if (!fallback) ctx.problem('RATE_LIMIT_DEFAULT', POLICY_RULE);
  const safeFallback = fallback ?? { user: { limit: 30, windowSeconds: 60 }, ip: { limit: 300, windowSeconds: 60 } };

  const rateLimits = {} as Record<UploadKind, RateLimitPolicy>;
  const dailyQuotas: Partial<Record<UploadKind, number>> = {};
  for (const kind of kinds) {
    const raw = env[rateLimitVariable(kind)];
    const policy = typeof raw === 'string' ? parsePolicy(raw, safeFallback) : safeFallback;
    if (!policy) ctx.problem(rateLimitVariable(kind), POLICY_RULE);
    rateLimits[kind] = policy ?? safeFallback;
    if (UPLOAD_KINDS[kind].quota !== undefined) dailyQuotas[kind] = env[quotaVariable(kind)] as number;
  }

  const upstreamBudgets = {} as Record<UpstreamProvider, number>;
  for (const provider of UPSTREAM_PROVIDERS) {
    const raw = env[budgetVariable(provider)];
    const value = raw === undefined ? defaultBudget(provider, env) : Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > 100_000) {
      ctx.problem(budgetVariable(provider), 'must be a number of calls per second above 0');
    }
    upstreamBudgets[provider] = value;
  }

  const encryptionKeys: EncryptionKey[] = [];
  const rawKeys = [env.CACHE_ENCRYPTION_KEY, ...(env.CACHE_ENCRYPTION_PREVIOUS_KEYS as string[])];
  rawKeys.forEach((raw, index) => {
    if (typeof raw !== 'string') return;
    const key = decodeKey(raw);
    const variable = index === 0 ? 'CACHE_ENCRYPTION_KEY' : 'CACHE_ENCRYPTION_PREVIOUS_KEYS';
    if (!key) ctx.problem(variable, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');
    else encryptionKeys.push({ id: keyId(key), key });
  });
  const usesRedis = env.REDIS_URL !== undefined || (env.REDIS_SENTINELS as string[]).length > 0 || (env.REDIS_CLUSTER_NODES as string[]).length > 0;
  if (usesRedis && env.CACHE_ENCRYPTION_KEY === undefined) {
    ctx.problem('CACHE_ENCRYPTION_KEY', 'is required with Redis: credentials kept there are encrypted with it');
  }
  if (env.CACHE_ENCRYPTION_KEY === undefined && encryptionKeys.length > 0) {
    ctx.problem('CACHE_ENCRYPTION_PREVIOUS_KEYS', 'needs CACHE_ENCRYPTION_KEY for new data');
  }

  return {
    rateLimits,
    dailyQuotas,
    upstreamBudgets,
    upstreamMaxWaitMs: env.UPSTREAM_BUDGET_MAX_WAIT_MS as number,
    idempotency: {
      lockTtlSeconds: env.IDEMPOTENCY_LOCK_TTL_SECONDS as number,
      replayMarginSeconds: env.IDEMPOTENCY_REPLAY_MARGIN_SECONDS as number,
    },
    encryptionKeys,
  };
}
