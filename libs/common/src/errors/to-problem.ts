import { HttpException } from '@nestjs/common';
import { ApiError } from './api-error';
import { codeForStatus, ERROR_TITLES, ErrorCode, problemType } from './error-codes';
import type { Problem } from './problem';

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the error is ours (a 5xx we did not raise on purpose): log it with its stack. */
  unexpected: boolean;
}

/** Fastify's own request errors, raised before a route handler runs. */
export const FASTIFY_ERRORS: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    detail: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: ErrorCode.PAYLOAD_TOO_LARGE,
    detail: 'The request body exceeds the size limit.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: ErrorCode.MALFORMED_JSON, detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: ErrorCode.MALFORMED_JSON, detail: 'The request body is empty.' },
  FST_ERR_BAD_URL: { status: 400, code: ErrorCode.VALIDATION_FAILED, detail: 'The URL is not valid (malformed percent-encoding).' },
  // A path parameter longer than any id we issue: as unknown as any other id.
  FST_ERR_MAX_PARAM_LENGTH: { status: 404, code: ErrorCode.NOT_FOUND, detail: 'The resource does not exist.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: ErrorCode.MALFORMED_JSON,
    detail: 'The Content-Length header does not match the body.',
  },
};

/** A problem's own headers: the given ones and `Retry-After` in whole seconds (at least 1). */
export function problemHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  retryAfterSeconds: number | undefined,
): Record<string, string> {
  const all = { ...headers };
  if (retryAfterSeconds !== undefined) all['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  return all;
}

/** The problem body of a status, code and detail. */
export function problemOf(status: number, code: ErrorCode, detail: string, requestId: string): Problem {
  return { type: problemType(code), title: ERROR_TITLES[code], status, detail, code, requestId };
}

function fromHttpException(error: HttpException, requestId: string): ProblemResponse {
  const status = error.getStatus();
  const code = codeForStatus(status);
  const body = error.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  // Framework messages for 4xx are safe and useful ("Forbidden resource"); 5xx text never leaves.
  const detail = status < 500 && typeof message === 'string' ? message : ERROR_TITLES[code];
  return { problem: problemOf(status, code, detail, requestId), headers: {}, unexpected: status >= 500 };
}

/** Nest wraps Fastify's 4xx errors in an HttpException; the original keeps the precise code. */
function unwrapFastifyError(error: unknown): unknown {
  if (!(error instanceof HttpException) || error instanceof ApiError) return error;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && FASTIFY_ERRORS[code] ? error.cause : error;
}

export function toProblem(thrown: unknown, requestId: string): ProblemResponse {
  const error = unwrapFastifyError(thrown);
  if (error instanceof ApiError) {
    const problem = problemOf(error.getStatus(), error.code, error.detail, requestId);
    if (error.details.errors) problem.errors = error.details.errors;
    if (error.details.upstreamRequestId) problem.upstreamRequestId = error.details.upstreamRequestId;
    return { problem, headers: problemHeaders(error.details.headers, error.details.retryAfterSeconds), unexpected: false };
  }
  if (error instanceof HttpException) return fromHttpException(error, requestId);

  const fastifyCode = (error as { code?: unknown })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
    const known = FASTIFY_ERRORS[fastifyCode];
    return { problem: problemOf(known.status, known.code, known.detail, requestId), headers: {}, unexpected: false };
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const code = codeForStatus(statusCode);
    return { problem: problemOf(statusCode, code, ERROR_TITLES[code], requestId), headers: {}, unexpected: false };
  }
  return {
    problem: problemOf(500, ErrorCode.INTERNAL, 'An unexpected error occurred. Quote the requestId when reporting it.', requestId),
    headers: {},
    unexpected: true,
  };
}
