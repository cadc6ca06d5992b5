import { z } from 'zod';
import { int, list, optionalBool, optionalInt, optionalStr } from '../env';
import { isIP } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';
import type { BuildContext, EnvOf } from '../build-context';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const appEnv = {
  NODE_ENV: z.enum(NODE_ENVS, { message: `must be one of ${NODE_ENVS.join(', ')}` }).default('development'),
  PORT: int(3000, 0, 65535),
  HOST: optionalStr().default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** false, true, a hop count, or a comma-separated list of trusted proxy addresses/CIDRs. */
  TRUST_PROXY: optionalStr(),
  CORS_ORIGINS: list(),
  BODY_LIMIT_BYTES: int(16 * 1024, 1024, 1024 * 1024),
  REQUEST_TIMEOUT_MS: int(10_000, 100, 300_000),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 120_000),
  /** Unset: on outside production, and in production only on METRICS_PORT's own listener. */
  METRICS_ENABLED: optionalBool(),
  /** Its own listener for GET /metrics, never the public port; unset, /metrics shares PORT. */
  METRICS_PORT: optionalInt(1, 65535),
  /** Where METRICS_PORT binds; HOST by default. */
  METRICS_HOST: optionalStr(),
  /** Unset: on outside production, off in production. */
  DOCS_ENABLED: optionalBool(),
};

type Context = BuildContext<EnvOf<typeof appEnv>>;

export type TrustProxy = boolean | number | string;

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface HttpConfig {
  port: number;
  host: string;
  trustProxy: TrustProxy;
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** The whole request, headers and body, must arrive within this; else 408 and the connection closes. */
  requestTimeoutMs: number;
  shutdownGraceMs: number;
}

export interface MetricsConfig {
  /** Whether anything serves the counters (they are kept either way). */
  enabled: boolean;
  /** Set by METRICS_PORT: /metrics is served by this listener alone, not on the public port. */
  listener?: { port: number; host: string };
}

/** What this section contributes to the configuration. */
export interface AppSectionConfig {
  env: NodeEnv;
  isProduction: boolean;
  http: HttpConfig;
  log: { level: LogLevel };
  metrics: MetricsConfig;
  docs: { enabled: boolean };
}

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A trusted-proxy list as Fastify reads it (@fastify/proxy-addr): addresses, CIDRs, or loopback/linklocal/uniquelocal. */
function validProxyList(raw: string): boolean {
  try {
    proxyAddr.compile(raw.split(',').map((entry) => entry.trim()));
    return true;
  } catch {
    return false;
  }
}

const validHost = (host: string): boolean => isIP(host) !== 0 || HOSTNAME.test(host);

/** The public port serves /metrics in production only when asked to; a METRICS_PORT is asking for its own listener. */
function buildMetrics(ctx: Context): MetricsConfig {
  const { env } = ctx;
  const port = env.METRICS_PORT;
  if (port === undefined) {
    if (env.METRICS_HOST !== undefined) ctx.problem('METRICS_HOST', 'is read only with METRICS_PORT; set both or neither');
    return { enabled: env.METRICS_ENABLED ?? !ctx.isProduction };
  }
  if (env.METRICS_ENABLED === false) ctx.problem('METRICS_PORT', 'must not be set with METRICS_ENABLED=false');
  if (port === env.PORT) ctx.problem('METRICS_PORT', 'must differ from PORT');
  const host = env.METRICS_HOST ?? env.HOST;
  if (!validHost(host)) ctx.problem('METRICS_HOST', 'must be an IP address or a host name');
  return { enabled: env.METRICS_ENABLED ?? true, listener: { port, host } };
}

export function buildApp(ctx: Context): AppSectionConfig {
  const { env } = ctx;
  if (ctx.isProduction && env.CORS_ORIGINS.includes('*')) {
    ctx.problem('CORS_ORIGINS', 'must list explicit origins in production, not *');
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'string' && !validProxyList(trustProxy)) {
    ctx.problem(
      'TRUST_PROXY',
      'must be true, false, a hop count, or comma-separated IP addresses/CIDRs (or loopback, linklocal, uniquelocal)',
    );
  }
  if (!validHost(env.HOST)) ctx.problem('HOST', 'must be an IP address or a host name');
  for (const origin of env.CORS_ORIGINS) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      ctx.problem('CORS_ORIGINS', 'each entry must be an origin such as https://app.example.com (scheme and host, no path)');
      break;
    }
  }
  return {
    env: env.NODE_ENV,
    isProduction: ctx.isProduction,
    http: {
      port: env.PORT,
      host: env.HOST,
      trustProxy,
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    },
    log: { level: env.LOG_LEVEL },
    metrics: buildMetrics(ctx),
    // Swagger UI and the document map every route for whoever asks: a developer's tool, not production's.
    docs: { enabled: env.DOCS_ENABLED ?? !ctx.isProduction },
  };
}
