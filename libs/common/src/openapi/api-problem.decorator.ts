import { DECORATORS, getSchemaPath, type HeadersObject } from '@nestjs/swagger';
import type { ApiError, FieldError } from '../errors/api-error';
import { ERROR_TITLES, type ErrorCode, problemType } from '../errors/error-codes';
import { type Problem, PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from './problem.dto';

/** One answer a route really gives, documented as a named example of its status. */
export interface ProblemExample {
  status: number;
  code: ErrorCode;
  /** The detail the service sends, for the request the example stands for. */
  detail: string;
  /** When it happens, in one line: the example's title in Swagger UI and a line of the response description. */
  summary: string;
  /** The example's name; its code unless a status has two examples of one code. */
  name?: string;
  /** How to provoke it, when the example is the answer to one request (a validation failure): shown under it. */
  request?: string;
  errors?: FieldError[];
  /** The answer carries the provider's request id. */
  upstreamRequestId?: boolean;
  /** The answer carries Retry-After. */
  retryAfter?: boolean;
}

/** The example of what the service answers when it throws `error`: its status, code, detail, field errors and extras. */
export function problemExample(error: ApiError, summary: string, extra: Pick<ProblemExample, 'name' | 'request'> = {}): ProblemExample {
  const { errors, upstreamRequestId, retryAfterSeconds } = error.details;
  return {
    status: error.getStatus(),
    code: error.code,
    detail: error.detail,
    summary,
    ...extra,
    ...(errors ? { errors } : {}),
    ...(upstreamRequestId ? { upstreamRequestId: true } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfter: true } : {}),
  };
}

export const exampleName = (example: ProblemExample) => example.name ?? example.code;

/** The body of the example, as the service sends it (the ids are examples). */
export function problemBody(example: ProblemExample): Problem {
  return {
    type: problemType(example.code),
    title: ERROR_TITLES[example.code],
    status: example.status,
    detail: example.detail,
    code: example.code,
    requestId: '5f0c2a8e-8d2c-4d3b-9a57-1f1f0c6c2b11',
    ...(example.errors ? { errors: example.errors } : {}),
    ...(example.upstreamRequestId ? { upstreamRequestId: '25818875-5F78-4AF6-04D5-D7393642CA58' } : {}),
  };
}

const RETRY_AFTER_NOTE = 'Sent with `Retry-After`.';

function exampleObject(example: ProblemExample) {
  const notes = [example.request && `The answer to ${example.request}.`, example.retryAfter && RETRY_AFTER_NOTE].filter(Boolean);
  return { summary: example.summary, ...(notes.length > 0 ? { description: notes.join(' ') } : {}), value: problemBody(example) };
}

/** One status: the description lists when it happens, each case is a named example, Retry-After where any case sends it. */
function problemResponse(examples: ProblemExample[]) {
  const description =
    examples.length === 1 ? examples[0].summary : examples.map((example) => `- \`${exampleName(example)}\`: ${example.summary}`).join('\n');
  const withRetryAfter = examples.filter((example) => example.retryAfter).length;
  const headers: HeadersObject = {
    'Retry-After': {
      description:
        withRetryAfter === examples.length
          ? 'Seconds to wait before retrying.'
          : 'Seconds to wait before retrying, where the case says so.',
      required: withRetryAfter === examples.length,
      schema: { type: 'integer', minimum: 1, example: 1 },
    },
  };
  return {
    description,
    isArray: false,
    ...(withRetryAfter > 0 ? { headers } : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: getSchemaPath(ProblemDto) },
        examples: Object.fromEntries(examples.map((example) => [exampleName(example), exampleObject(example)])),
      },
    },
  };
}

const PROBLEMS = 'openapi:problems';

/**
 * Documents the error answers of a route as application/problem+json: one response per status, one
 * named example per case. Several decorators may add cases to one route (authentication, protection,
 * the route itself): each rewrites the statuses from every case so far, so whatever their order, a
 * status is documented once (Swagger's own ApiResponse would join the descriptions and keep one content).
 */
export function ApiProblems(...examples: ProblemExample[]): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const cases: ProblemExample[] = [...((Reflect.getMetadata(PROBLEMS, handler) as ProblemExample[] | undefined) ?? [])];
    for (const example of examples) {
      const duplicate = cases.some((other) => other.status === example.status && exampleName(other) === exampleName(example));
      if (!duplicate) cases.push(example);
    }
    Reflect.defineMetadata(PROBLEMS, cases, handler);
    const responses = { ...((Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as object | undefined) ?? {}) };
    for (const status of new Set(cases.map((example) => example.status))) {
      Object.assign(responses, { [status]: problemResponse(cases.filter((example) => example.status === status)) });
    }
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, handler);
    return descriptor;
  };
}
