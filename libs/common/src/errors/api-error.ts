import { HttpException } from '@nestjs/common';
import { ERROR_TITLES, type ErrorCode } from './error-codes';

export interface FieldError {
  /** Dotted path of the request field, e.g. `tags` or `fileInfo.ext`. */
  field: string;
  message: string;
}

export interface ApiErrorOptions {
  errors?: FieldError[];
  /** Seconds, sent as `Retry-After`. */
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
  /** The cloud provider's RequestId, returned to the client and logged. */
  upstreamRequestId?: string;
  /** Kept for the log line only, never serialised into the response. */
  cause?: unknown;
}

/** Every error we raise on purpose. The global filter turns it into application/problem+json. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly details: ApiErrorOptions = {},
  ) {
    super(ERROR_TITLES[code], status, { cause: details.cause });
  }

  static validation(errors: FieldError[], detail = 'One or more fields are invalid.'): ApiError {
    return new ApiError(400, 'VALIDATION_FAILED', detail, { errors });
  }

  static notFound(detail = 'The resource does not exist.'): ApiError {
    return new ApiError(404, 'NOT_FOUND', detail);
  }

  static unauthenticated(detail = 'A valid bearer token is required.'): ApiError {
    return new ApiError(401, 'UNAUTHENTICATED', detail, { headers: { 'www-authenticate': 'Bearer' } });
  }
}
