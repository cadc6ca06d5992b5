import { applyDecorators, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiProblems, BODY_PROBLEMS, ErrorCode, problemExample, type ProblemExample, validationProblem } from '@app/common';
import { STORE_UNAVAILABLE_PROBLEM } from '@app/store';
import { EventReceiptDto } from './event-receipt.dto';

/** A receiver that is off answers as a route that does not exist. */
export const noSuchRoute = (path: string) => new ApiError(404, ErrorCode.NOT_FOUND, `No route matches POST ${path}.`);

/** The documented 404 of a receiver that is off (or whose secret is wrong). */
export const receiverOff = (path: string, summary: string): ProblemExample => problemExample(noSuchRoute(path), summary);

/** What every receiver answers for a body it cannot read, and when the store is down. */
const EVENT_PROBLEMS = [
  BODY_PROBLEMS.malformedJson,
  validationProblem(
    'the request body `{}`',
    [{ field: 'EventType', message: 'EventType is missing or malformed' }],
    'The event lacks a field it must carry.',
  ),
  STORE_UNAVAILABLE_PROBLEM,
];

const RECEIPT = { type: EventReceiptDto, description: 'Received; see `outcome`.', example: { outcome: 'applied' } };

/** The controller of a provider's receivers: under /v1/events, in the `events` group. No bearer token. */
export const EventReceivers = (): ClassDecorator => applyDecorators(ApiTags('events'), Controller('v1/events'));

export interface EventRouteSpec {
  /** Below /v1/events. */
  path: string;
  operationId: string;
  summary: string;
  /** The provider's event as it sends it (its documented shape). */
  example: object;
  /** How this receiver refuses (unsigned, off...), besides what every receiver answers. */
  problems: ProblemExample[];
}

/**
 * One receiver of a provider's completion events: POST, 200 with what became of the event, the
 * provider's body as it sends it, and every refusal documented.
 */
export function EventRoute(spec: EventRouteSpec): MethodDecorator {
  return applyDecorators(
    Post(spec.path),
    HttpCode(200),
    ApiOperation({ operationId: spec.operationId, summary: spec.summary, security: [] }),
    ApiBody({
      schema: { type: 'object', additionalProperties: true },
      examples: { upload: { summary: 'An upload completed', value: spec.example } },
    }),
    ApiOkResponse(RECEIPT),
    ApiProblems(...EVENT_PROBLEMS, ...spec.problems),
  );
}
