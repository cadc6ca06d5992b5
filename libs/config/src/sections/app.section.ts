import { z } from 'zod';
import { bool, int, list, optionalStr } from '../env';
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
  METRICS_ENABLED: bool(true),
  DOCS_ENABLED: bool(true),
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

/** What this section contributes to the configuration. */
export interface AppSectionConfig {
  env: NodeEnv;
  isProduction: boolean;
  http: HttpConfig;
  log: { level: LogLevel };
  metrics: { enabled: boolean };
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
  if (isIP(env.HOST) === 0 && !HOSTNAME.test(env.HOST)) {
    ctx.problem('HOST', 'must be an IP address or a host name');
  }
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
    metrics: { enabled: env.METRICS_ENABLED },
    docs: { enabled: env.DOCS_ENABLED },
  };
}
