import { randomBytes } from 'node:crypto';
import { budgetVariable, quotaVariable, rateLimitVariable } from '@app/config';
import type { UploadKind } from '@app/registry';
import { CATALOG } from '../../apps/upload-api/src/providers';
import { ALIYUN_TEST_IDS, aliyunTestEnv } from '../../test/support/aliyun-test-env';
import { tencentTestEnv } from '../../test/support/tencent-test-env';
import type { EmulatorProcess } from './emulator';

/** The kind whose per-user limit scenario (c) runs into; no other scenario uses it. */
export const LIMITED_KIND: UploadKind = 'aliyun-vod-image';

/** Limits no scenario reaches, so each scenario meets only the refusal it is about (the config's maxima). */
const UNREACHABLE_RATE = 'user:9999999/1s,ip:9999999/1s';
const UNREACHABLE_QUOTA = '1000000';
const UNREACHABLE_BUDGET = '100000';

/**
 * The event receivers' secrets, made up for the run: Tencent PUSH callbacks are POSTed to
 * /v1/events/tencent-vod/<tencentToken>; Alibaba VOD callbacks are signed with the AuthKey over the
 * callback URL the service gives VOD (the emulator's usual one: the creates' UserData stays as it was).
 */
export interface EventSecrets {
  tencentToken: string;
  vodAuthKey: string;
  vodCallbackUrl: string;
}

export function makeEventSecrets(): EventSecrets {
  return {
    tencentToken: randomBytes(24).toString('hex'),
    // 1-32 letters and digits (the AuthKey's format).
    vodAuthKey: `Bench${randomBytes(12).toString('hex')}`,
    vodCallbackUrl: ALIYUN_TEST_IDS.callbackUrl,
  };
}

export interface ServiceEnvInput {
  port: number;
  redisUrl: string;
  emulator: EmulatorProcess;
  jwtSecret: string;
  encryptionKey: string;
  logLevel: string;
  events: EventSecrets;
}

/**
 * The service's whole environment (nothing inherited), as a deployment would set it, except
 * NODE_ENV: production insists on https cloud endpoints and the emulator speaks http. NODE_ENV
 * has no other effect in this service (only the configuration checks read it).
 */
export function serviceEnv(input: ServiceEnvInput): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(input.port),
    LOG_LEVEL: input.logLevel,
    AUTH_JWT_SECRET: input.jwtSecret,
    REDIS_URL: input.redisUrl,
    CACHE_ENCRYPTION_KEY: input.encryptionKey,
    RATE_LIMIT_DEFAULT: UNREACHABLE_RATE,
    // Scenario (c): one request per user per hour; the IP part stays unreachable (all load comes from 127.0.0.1).
    [rateLimitVariable(LIMITED_KIND)]: 'user:1/1h',
    ...Object.fromEntries(
      CATALOG.kinds.filter((kind) => kind.quota !== undefined).map((kind) => [quotaVariable(kind.id), UNREACHABLE_QUOTA]),
    ),
    ...Object.fromEntries(CATALOG.upstreamApis.map((api) => [budgetVariable(api.id), UNREACHABLE_BUDGET])),
    ...aliyunTestEnv(input.emulator.url, input.emulator.aliyunKey),
    ...tencentTestEnv(input.emulator.url, input.emulator.tencentKey),
    // The event receivers on, as a deployment with events configures them: (j) and (k).
    TENCENTCLOUD_VOD_EVENT_TOKEN: input.events.tencentToken,
    ALIBABA_CLOUD_VOD_CALLBACK_URL: input.events.vodCallbackUrl,
    ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: input.events.vodAuthKey,
    // Investigations only (the report names them): e.g. {"NODE_OPTIONS":"--trace-gc"}.
    ...extraEnv(),
  };
}

/** BENCH_SERVICE_ENV: a JSON object of variables added to (or overriding) the service's environment. */
export function extraEnv(): Record<string, string> {
  const raw = process.env.BENCH_SERVICE_ENV;
  if (!raw) return {};
  const parsed = JSON.parse(raw) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Object.values(parsed).some((value) => typeof value !== 'string')) {
    throw new Error('BENCH_SERVICE_ENV must be a JSON object of strings');
  }
  return parsed as Record<string, string>;
}

/** BENCH_SERVICE_NODE_ARGS: space-separated node options for the service (investigations: --trace-gc...). */
export const extraNodeArgs = (): string[] => (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
