import type { ErrorCode } from '../errors/error-codes';

/**
 * A refusal decided before a handler runs (authentication, permission, rate limit), as data: the
 * request gate writes it as a problem without building an exception (an Error captures a stack
 * trace, which a 401 flood would pay for on every request).
 */
export interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Seconds, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;
}
