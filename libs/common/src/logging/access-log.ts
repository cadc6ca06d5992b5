import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** One line per request: method, route, status, latency, request id, user id. Never headers or bodies. */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      path: request.url.split('?', 1)[0],
      status,
      latencyMs: Math.round(reply.elapsedTime * 100) / 100,
      userId: (request as { user?: { id?: string } }).user?.id ?? null,
      code: request.problemCode,
    };
    if (status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
    done();
  });
}
