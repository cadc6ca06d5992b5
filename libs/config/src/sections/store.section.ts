import { z } from 'zod';
import { int, list, optionalStr, url } from '../env';
import type { BuildContext, EnvOf } from '../build-context';

export const storeEnv = {
  REDIS_URL: url(['redis', 'rediss']),
  /** Sentinel: comma-separated host:port list plus the monitored master name. */
  REDIS_SENTINELS: list(),
  REDIS_SENTINEL_NAME: optionalStr(),
  /** Cluster: comma-separated host:port seed nodes. */
  REDIS_CLUSTER_NODES: list(),
  REDIS_USERNAME: optionalStr(),
  REDIS_PASSWORD: optionalStr(),
  REDIS_TLS: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
  REDIS_KEY_PREFIX: optionalStr()
    .default('ucb:')
    .refine((value) => /^[A-Za-z0-9:_-]{1,32}$/.test(value), {
      message: 'must be 1-32 characters of letters, digits, ":", "_" or "-"',
    }),
  REDIS_COMMAND_TIMEOUT_MS: int(500, 50, 10_000),
  REDIS_CONNECT_TIMEOUT_MS: int(2_000, 100, 30_000),
  /** Replicas that must hold a write that acknowledges an upload, an idempotent answer or a webhook (WAIT). */
  REDIS_WAIT_REPLICAS: int(0, 0, 16),
  /** How long such a write waits for them before the request answers 503. */
  REDIS_WAIT_TIMEOUT_MS: int(1_000, 10, 10_000),
};

type Context = BuildContext<EnvOf<typeof storeEnv>>;

export type RedisConfig = {
  keyPrefix: string;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  username?: string;
  password?: string;
  tls: boolean;
  /**
   * Present when REDIS_WAIT_REPLICAS > 0: a write that acknowledges something (an upload record, an
   * idempotent answer, a queued webhook) is followed by `WAIT replicas timeoutMs` on its connection.
   */
  replicaWait?: { replicas: number; timeoutMs: number };
} & (
  | { mode: 'standalone'; url: string }
  | { mode: 'sentinel'; sentinels: { host: string; port: number }[]; name: string }
  | { mode: 'cluster'; nodes: { host: string; port: number }[] }
);

export type StoreConfig = { kind: 'memory'; keyPrefix: string } | ({ kind: 'redis' } & RedisConfig);

export function parseHostPort(entry: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65536 ? { host: match[1], port } : undefined;
}

function hostPorts(ctx: Context, variable: string, entries: string[]) {
  const parsed = entries.map(parseHostPort);
  if (parsed.some((entry) => entry === undefined)) {
    ctx.problem(variable, 'must be a comma-separated list of host:port');
    return [];
  }
  return parsed as { host: string; port: number }[];
}

export function buildStore(ctx: Context): StoreConfig {
  const { env } = ctx;
  const shared = {
    keyPrefix: env.REDIS_KEY_PREFIX,
    commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS,
    username: env.REDIS_USERNAME,
    password: env.REDIS_PASSWORD,
    tls: env.REDIS_TLS,
    ...(env.REDIS_WAIT_REPLICAS > 0 && { replicaWait: { replicas: env.REDIS_WAIT_REPLICAS, timeoutMs: env.REDIS_WAIT_TIMEOUT_MS } }),
  };
  const modes = [env.REDIS_URL !== undefined, env.REDIS_SENTINELS.length > 0, env.REDIS_CLUSTER_NODES.length > 0];
  if (modes.filter(Boolean).length > 1) {
    ctx.problem('REDIS_URL', 'set only one of REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES');
  }
  if (env.REDIS_SENTINELS.length > 0) {
    if (!env.REDIS_SENTINEL_NAME) ctx.problem('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS');
    return {
      kind: 'redis',
      mode: 'sentinel',
      sentinels: hostPorts(ctx, 'REDIS_SENTINELS', env.REDIS_SENTINELS),
      name: env.REDIS_SENTINEL_NAME ?? '',
      ...shared,
    };
  }
  if (env.REDIS_CLUSTER_NODES.length > 0) {
    return { kind: 'redis', mode: 'cluster', nodes: hostPorts(ctx, 'REDIS_CLUSTER_NODES', env.REDIS_CLUSTER_NODES), ...shared };
  }
  if (env.REDIS_URL !== undefined) {
    return { kind: 'redis', mode: 'standalone', url: env.REDIS_URL, ...shared };
  }
  if (ctx.isProduction) {
    ctx.problem('REDIS_URL', 'is required in production: the in-process store holds limits and records for one instance only');
  }
  return { kind: 'memory', keyPrefix: env.REDIS_KEY_PREFIX };
}
