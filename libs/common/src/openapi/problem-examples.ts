import { ApiError, type FieldError } from '../errors/api-error';
import { FASTIFY_ERRORS } from '../errors/to-problem';
import { problemExample, type ProblemExample } from './api-problem.decorator';

const fastify = (code: string, summary: string): ProblemExample => {
  const { status, code: errorCode, detail } = FASTIFY_ERRORS[code];
  return { status, code: errorCode, detail, summary };
};

/** What any route that reads a JSON body may answer before its own code runs. */
export const BODY_PROBLEMS = {
  malformedJson: fastify('FST_ERR_CTP_INVALID_JSON_BODY', 'The body is not valid JSON.'),
  payloadTooLarge: fastify('FST_ERR_CTP_BODY_TOO_LARGE', 'The body is larger than BODY_LIMIT_BYTES.'),
  unsupportedMediaType: fastify('FST_ERR_CTP_INVALID_MEDIA_TYPE', 'The body is not application/json.'),
};

/**
 * 400 VALIDATION_FAILED as the service answers `request` (e.g. "the request body `{...}`"): the
 * field errors its validation really gives for it.
 */
export function validationProblem(
  request: string,
  errors: FieldError[],
  summary = 'A field is invalid; `errors` names each one and its rule.',
) {
  return problemExample(ApiError.validation(errors), summary, { request });
}
