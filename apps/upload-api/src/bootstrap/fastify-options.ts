import type { FastifyHttpOptions, FastifyServerOptions } from 'fastify';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { AccessLogController, MAX_PARAM_LENGTH, type ProblemWriter, requestIdFrom } from '@app/common';
import type { AppConfig } from '@app/config';
import type { BelowTheRouter } from './below-the-router';

/** How often Node looks for requests past their timeout: a tenth of it, between 0.1 and 1 s (Node's default is 30 s). */
const timeoutCheckInterval = (timeoutMs: number) => Math.min(1_000, Math.max(100, Math.floor(timeoutMs / 10)));

export function fastifyOptions(
  config: AppConfig,
  logger: Logger,
  problems: ProblemWriter,
  belowTheRouter: BelowTheRouter,
): FastifyHttpOptions<Server> {
  const { requestTimeoutMs } = config.http;
  return {
    loggerInstance: logger,
    logController: new AccessLogController(),
    genReqId: requestIdFrom,
    bodyLimit: config.http.bodyLimitBytes,
    // Fastify accepts a hop count at runtime; its types only list the other forms.
    trustProxy: config.http.trustProxy as FastifyServerOptions['trustProxy'],
    // Slow or stalled clients (headers or body) get 408 and lose the connection; Fastify sets this one on the server.
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: timeoutCheckInterval(requestTimeoutMs),
      // Checked in BelowTheRouter, so that the 400 is a problem rather than Node's empty body.
      requireHostHeader: false,
    },
    clientErrorHandler: belowTheRouter.clientErrorHandler,
    // drainOnClose answers with a problem instead of Fastify's own 503 body.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Errors Fastify raises before routing (a malformed URL, an over-long parameter) get our problem shape too.
    frameworkErrors: (error, request, reply) => problems.write(error, request, reply),
  };
}
