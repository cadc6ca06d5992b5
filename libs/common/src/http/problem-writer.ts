import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { NotFoundException } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';
import { type Problem, PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { problemHeaders, problemOf, toProblem } from '../errors/to-problem';
import type { Refusal } from './refusal';
import { REQUEST_ID_HEADER } from './request-id';
import type { RouteMethods } from './route-methods';

/** Writes any error as application/problem+json. Used by the Nest filter and Fastify's error handler. */
export class ProblemWriter {
  private onProblem: (problem: Problem) => void = () => undefined;

  constructor(
    private readonly routes: RouteMethods,
    private readonly logger: Logger,
  ) {}

  /** Sees every problem response, e.g. to count refusals by code. */
  observe(listener: (problem: Problem) => void): void {
    this.onProblem = listener;
  }

  write(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const translated = this.translateRouterMiss(error, request);
    const { problem, headers, unexpected } = toProblem(translated, String(request.id));
    request.problemCode = problem.code;
    this.onProblem(problem);
    if (unexpected) {
      this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    } else if (problem.status >= 500) {
      const cause = translated instanceof ApiError ? translated.details.cause : undefined;
      this.logger.warn(
        { requestId: request.id, code: problem.code, upstreamRequestId: problem.upstreamRequestId, cause: describe(cause) },
        problem.detail,
      );
    }
    send(problem, headers, request, reply);
  }

  /** Writes a refusal decided before the handler (the request gate): the same problem as its ApiError, no exception built. */
  refuse(refusal: Refusal, request: FastifyRequest, reply: FastifyReply): void {
    const problem = problemOf(refusal.status, refusal.code, refusal.detail, String(request.id));
    request.problemCode = problem.code;
    this.onProblem(problem);
    if (problem.status >= 500) this.logger.warn({ requestId: request.id, code: problem.code }, problem.detail);
    send(problem, problemHeaders(refusal.headers, refusal.retryAfterSeconds), request, reply);
  }

  /**
   * The same problem for an answer from below Fastify (Node's HTTP parser and timeouts, Expect,
   * CONNECT), where there is no reply: status, headers and body for the caller to write before it
   * closes the connection. Logged at info, like an access line: the client's doing, not ours.
   */
  belowRouter(error: ApiError, requestId: string): { status: number; headers: Record<string, string>; body: string } {
    const { problem, headers } = toProblem(error, requestId);
    this.onProblem(problem);
    this.logger.info({ requestId, status: problem.status, code: problem.code }, 'request refused below the router');
    const body = JSON.stringify(problem);
    return {
      status: problem.status,
      headers: {
        ...headers,
        [REQUEST_ID_HEADER]: requestId,
        'content-type': PROBLEM_CONTENT_TYPE,
        'content-length': String(Buffer.byteLength(body)),
        connection: 'close',
      },
      body,
    };
  }

  private translateRouterMiss(error: unknown, request: FastifyRequest): unknown {
    if (!(error instanceof NotFoundException) || error instanceof ApiError) return error;
    const path = request.url.split('?', 1)[0];
    const allowed = this.routes.allowed(path);
    if (allowed.length > 0) {
      return new ApiError(405, ErrorCode.METHOD_NOT_ALLOWED, `${request.method} is not supported on this path.`, {
        headers: { allow: allowed.join(', ') },
      });
    }
    return new ApiError(404, ErrorCode.NOT_FOUND, `No route matches ${request.method} ${path}.`);
  }
}

function send(problem: Problem, headers: Record<string, string>, request: FastifyRequest, reply: FastifyReply): void {
  if (reply.sent) return;
  // Also here: Fastify answers framework errors (a malformed URL) before any onRequest hook ran.
  reply.header(REQUEST_ID_HEADER, request.id);
  reply.code(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** What an upstream failure was, for the log line: the class and the provider's code, not its text. */
function describe(cause: unknown): Record<string, unknown> | undefined {
  if (cause === undefined || cause === null || typeof cause !== 'object') return undefined;
  const { name, code, statusCode } = cause as { name?: unknown; code?: unknown; statusCode?: unknown };
  return { name, code, statusCode };
}
