import { ApiError, ErrorCode } from '@app/common';

/** What every store outage (refused, timed out, closed, cluster down…) looks like to callers. */
export function storeUnavailable(cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  return new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'The service store is unavailable; retry shortly.', {
    retryAfterSeconds: 1,
    cause,
  });
}
