import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid; `errors` names each field and rule.',
  401: 'Missing, malformed, expired or otherwise invalid bearer token.',
  403: 'The token lacks the permission for this upload kind.',
  404: 'No such resource, or it belongs to another user.',
  409: 'A request with the same Idempotency-Key is still in progress.',
  413: 'The request body is larger than the configured limit.',
  415: 'The request body is not application/json.',
  422: 'The Idempotency-Key was already used with a different request body.',
  429: 'Rate limit or daily quota exceeded; see Retry-After.',
  501: 'This deployment has not configured the provider.',
  502: 'The cloud provider refused our request (our configuration or permissions).',
  503: 'The cloud provider or our store is unavailable or busy; see Retry-After.',
  504: 'The cloud provider did not answer in time.',
};

/** Documents error responses as application/problem+json with the shared Problem schema. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
