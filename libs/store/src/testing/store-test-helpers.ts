import { ApiError, ErrorCode } from '@app/common';
import type { RedisConfig } from '@app/config';
import type { StoreLogger } from '../redis/connection-log';

/** Asserts the one failure callers see when the store is down or closed. */
export async function expectUnavailable(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.getStatus()).toBe(503);
  expect(apiError.code).toBe(ErrorCode.STORE_UNAVAILABLE);
  expect(apiError.details.retryAfterSeconds).toBe(1);
  return apiError;
}

export function standaloneConfig(url: string, overrides: Partial<RedisConfig> = {}): { kind: 'redis' } & RedisConfig {
  return {
    kind: 'redis',
    mode: 'standalone',
    url,
    keyPrefix: 'test:',
    // Generous: tests share one Redis on a busy machine; outage tests set their own short timeout.
    commandTimeoutMs: 2_000,
    connectTimeoutMs: 1_000,
    tls: false,
    ...overrides,
  } as { kind: 'redis' } & RedisConfig;
}

/** Keeps log lines for assertions instead of printing them. */
export class CapturingLogger implements StoreLogger {
  readonly lines: string[] = [];

  log(message: string): void {
    this.lines.push(`log: ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` passes or `timeoutMs` elapses (then rethrows its last failure). */
export async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}
