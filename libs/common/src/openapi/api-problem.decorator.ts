import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath, type HeadersObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid; `errors` names each field and rule.',
  401: 'Missing, malformed, expired or otherwise invalid bearer token.',
  403: 'The token lacks the permission for this upload kind.',
  404: 'No such resource, or it belongs to another user.',
  409: 'A request with the same Idempotency-Key is still in progress; see Retry-After.',
  413: 'The request body is larger than the configured limit.',
  415: 'The request body is not application/json.',
  422: 'The Idempotency-Key was already used with a different request body.',
  429: 'Rate limit or daily quota exceeded; see Retry-After.',
  501: 'This deployment has not configured the provider.',
  502: 'The cloud provider refused our request (our configuration or permissions).',
  503: "The cloud provider, our store or the token issuer's keys are unavailable or busy; see Retry-After.",
  504: 'The cloud provider did not answer in time.',
};

/** Every 409, 429 and 503 we send says when to try again (ApiError's retryAfterSeconds). */
const RETRY_AFTER_HEADER: HeadersObject = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1, example: 1 } },
};
const WITH_RETRY_AFTER = new Set([409, 429, 503]);

/**
 * An error response as application/problem+json with the shared Problem schema. `retryAfter`: whether
 * the answer carries Retry-After (by default, the statuses that always do).
 */
export function ApiProblemResponse(
  status: number,
  description = DESCRIPTIONS[status] ?? 'Error.',
  retryAfter = WITH_RETRY_AFTER.has(status),
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    ...(retryAfter ? { headers: RETRY_AFTER_HEADER } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
  });
}

/** Documents error responses as application/problem+json with the shared Problem schema. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblemResponse(status)));
}
