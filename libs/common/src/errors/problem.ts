import type { FieldError } from './api-error';
import type { ErrorCode } from './error-codes';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details with our `code`, `requestId` and per-field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  upstreamRequestId?: string;
}
