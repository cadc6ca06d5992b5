import { randomBytes } from 'node:crypto';
import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@app/common';
import { type AppConfig } from '@app/config';
import { loadServiceConfig } from '../../apps/upload-api/src/providers';
import { createApp } from '../../apps/upload-api/src/bootstrap/create-app';
import { LogCapture } from './log-capture';
import { claims, signJwt } from './tokens';
import { testKey } from '@app/testing';

export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
/** A fixed test key: CACHE_ENCRYPTION_KEY is required whenever Redis is configured. */
export const TEST_CACHE_KEY = testKey(7);

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  logs: LogCapture;
  /** A valid HS256 bearer header for `sub`, signed with the test secret. */
  bearer(sub: string, extra?: Record<string, unknown>): { authorization: string };
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  imports?: ModuleMetadata['imports'];
  /** Use the throwaway Redis from the Jest global setup instead of the in-process store. */
  redis?: boolean;
  /** Listen here (a port chosen beforehand, e.g. for callback URLs in the config); a free one by default. */
  port?: number;
  /** The address to bind: loopback by default; `0.0.0.0` for a test that comes in through another address. */
  host?: string;
}

/** The real app on Fastify, listening on a free port (loopback unless `host` says otherwise), logs captured. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    // Each app gets its own key prefix on the shared test Redis unless a test shares one on purpose.
    ...(options.redis
      ? {
          REDIS_URL: process.env.TEST_REDIS_URL,
          REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}:`,
          CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
          // Tests share one Redis on a busy machine: a half-second hiccup is not an outage here.
          // Tests of outages set their own short timeout.
          REDIS_COMMAND_TIMEOUT_MS: '2000',
        }
      : {}),
    ...options.env,
  };
  const config = loadServiceConfig(env);
  const logs = new LogCapture();
  const app = await createApp(config, { logger: createLogger({ level: config.log.level, destination: logs }), imports: options.imports });
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    logs,
    bearer: (sub, extra = {}) => ({
      authorization: `Bearer ${signJwt(claims(sub, extra), { alg: 'HS256', secret: TEST_JWT_SECRET })}`,
    }),
    close: () => app.close(),
  };
}
