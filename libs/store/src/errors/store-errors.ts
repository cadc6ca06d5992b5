import { ApiError, ErrorCode, problemExample } from '@app/common';

/** What every store outage (refused, timed out, closed, cluster down…) looks like to callers. */
export function storeUnavailable(cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  return new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'The service store is unavailable; retry shortly.', {
    retryAfterSeconds: 1,
    cause,
  });
}

/** The 503 of every route that needs the store, as documented. */
export const STORE_UNAVAILABLE_PROBLEM = problemExample(storeUnavailable(undefined), 'Our store (Redis) is not answering.');

/**
 * The keys of one multi-key call hash to different Redis Cluster slots. This is a caller bug
 * (missing or different hash tags), so it is thrown as is rather than disguised as an outage.
 */
export class CrossSlotKeysError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(
      `Keys of one atomic store call must share a Redis Cluster hash slot; give them the same hash tag, ` +
        `e.g. "{rl:alice}:user" and "{rl:alice}:ip". Got: ${keys.join(', ')}`,
    );
    this.name = 'CrossSlotKeysError';
  }
}

/**
 * A key claimed with a request's record exists already: nothing was written. `value` is what the key
 * holds (a nonce drawn twice; an Idempotency-Key's earlier claim or answer, for its replay).
 */
export class ClaimTakenError extends Error {
  override name = 'ClaimTakenError';

  constructor(
    readonly key: string,
    readonly value: string,
  ) {
    super(`${key} is taken`);
  }
}
