/** Stable machine codes of our problem responses. Clients switch on these; never rename one. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  REGION_NOT_ALLOWED: 'REGION_NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  EXPECTATION_FAILED: 'EXPECTATION_FAILED',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  CONFLICT: 'CONFLICT',
  GONE: 'GONE',
  UNPROCESSABLE: 'UNPROCESSABLE',
  UPLOAD_REVOKED: 'UPLOAD_REVOKED',
  UPLOAD_COMPLETED: 'UPLOAD_COMPLETED',
  RATE_LIMITED: 'RATE_LIMITED',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_FLIGHT: 'IDEMPOTENCY_IN_FLIGHT',
  PROVIDER_NOT_CONFIGURED: 'PROVIDER_NOT_CONFIGURED',
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_THROTTLED: 'UPSTREAM_THROTTLED',
  UPSTREAM_BUSY: 'UPSTREAM_BUSY',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request is invalid',
  MALFORMED_REQUEST: 'The request is not valid HTTP',
  MALFORMED_JSON: 'The request body is not valid JSON',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  REGION_NOT_ALLOWED: 'Not allowed in your region',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  REQUEST_TIMEOUT: 'The request was not received in time',
  EXPECTATION_FAILED: 'The expectation cannot be met',
  HEADERS_TOO_LARGE: 'The request headers are too large',
  CONFLICT: 'Conflict',
  GONE: 'Gone',
  UNPROCESSABLE: 'The request cannot be processed',
  UPLOAD_REVOKED: 'The upload was revoked',
  UPLOAD_COMPLETED: 'The upload is already complete',
  RATE_LIMITED: 'Too many requests',
  QUOTA_EXCEEDED: 'Daily quota exceeded',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused with a different request',
  IDEMPOTENCY_IN_FLIGHT: 'A request with this idempotency key is in progress',
  PROVIDER_NOT_CONFIGURED: 'This deployment does not offer this provider',
  UPSTREAM_REJECTED: 'The cloud provider refused the request',
  UPSTREAM_UNAVAILABLE: 'The cloud provider is unavailable',
  UPSTREAM_THROTTLED: 'The cloud provider is throttling our requests',
  UPSTREAM_BUSY: 'The cloud provider budget is exhausted',
  UPSTREAM_TIMEOUT: 'The cloud provider did not answer in time',
  STORE_UNAVAILABLE: 'The service store is unavailable',
  SHUTTING_DOWN: 'The service is shutting down',
  INTERNAL: 'Internal server error',
};

/** The code a bare HTTP status maps to when nothing more specific is known. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return ErrorCode.VALIDATION_FAILED;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 405:
      return ErrorCode.METHOD_NOT_ALLOWED;
    case 408:
      return ErrorCode.REQUEST_TIMEOUT;
    case 409:
      return ErrorCode.CONFLICT;
    case 410:
      return ErrorCode.GONE;
    case 413:
      return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415:
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 417:
      return ErrorCode.EXPECTATION_FAILED;
    case 422:
      return ErrorCode.UNPROCESSABLE;
    case 429:
      return ErrorCode.RATE_LIMITED;
    case 431:
      return ErrorCode.HEADERS_TOO_LARGE;
    case 501:
      return ErrorCode.PROVIDER_NOT_CONFIGURED;
    case 502:
      return ErrorCode.UPSTREAM_REJECTED;
    case 503:
      return ErrorCode.UPSTREAM_UNAVAILABLE;
    case 504:
      return ErrorCode.UPSTREAM_TIMEOUT;
    default:
      return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
  }
}

export function problemType(code: ErrorCode): string {
  return `urn:upload-bff:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
