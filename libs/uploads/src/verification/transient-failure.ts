import { ApiError, ErrorCode } from '@app/common';

/** The codes of a provider or store that is down, slow, throttling us or out of budget: a later try may succeed. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  ErrorCode.UPSTREAM_UNAVAILABLE,
  ErrorCode.UPSTREAM_THROTTLED,
  ErrorCode.UPSTREAM_BUSY,
  ErrorCode.UPSTREAM_TIMEOUT,
  ErrorCode.STORE_UNAVAILABLE,
  ErrorCode.SHUTTING_DOWN,
]);

/**
 * Whether trying a failed lookup or removal again can help. Yes for a provider 5xx, a timeout, throttling,
 * an exhausted budget, the store away (the clients map them to 503/504). No for the provider refusing our
 * request (502 UPSTREAM_REJECTED: a missing RAM/CAM permission, a parameter, an authentication failure, an
 * answer we cannot use), a provider not configured (501), or any other error we raise on purpose: the
 * same request would be refused for the whole schedule. An error that is not ours is given the schedule.
 */
export function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || TRANSIENT_CODES.has(error.code);
}

/** What a log line may say of a failure: our code and status, the provider's request id; never a message or a cause. */
export function failureFields(error: unknown): Record<string, string | number | undefined> {
  if (!(error instanceof ApiError)) return { error: (error as Error | undefined)?.name };
  return { code: error.code, status: error.getStatus(), upstreamRequestId: error.details.upstreamRequestId };
}
