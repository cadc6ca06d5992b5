import type { FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { AccessLogController, MAX_PARAM_LENGTH, type ProblemWriter, requestIdFrom } from '@app/common';
import type { AppConfig } from '@app/config';

export function fastifyOptions(config: AppConfig, logger: Logger, problems: ProblemWriter): FastifyServerOptions {
  return {
    loggerInstance: logger,
    logController: new AccessLogController(),
    genReqId: requestIdFrom,
    bodyLimit: config.http.bodyLimitBytes,
    // Fastify accepts a hop count at runtime; its types only list the other forms.
    trustProxy: config.http.trustProxy as FastifyServerOptions['trustProxy'],
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Errors Fastify raises before routing (a malformed URL, an over-long parameter) get our problem shape too.
    frameworkErrors: (error, request, reply) => problems.write(error, request, reply),
  };
}
