import type { FastifyInstance } from 'fastify';
import { ApiError, ErrorCode, type ProblemWriter } from '@app/common';

/**
 * Once closing starts, new requests get 503 SHUTTING_DOWN (the load balancer sends them elsewhere)
 * and responses to in-flight requests carry `Connection: close`, so their keep-alive sockets end
 * with the response instead of holding close() for the keep-alive timeout.
 */
export function drainOnClose(fastify: FastifyInstance, problems: ProblemWriter): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    problems.write(
      new ApiError(503, ErrorCode.SHUTTING_DOWN, 'The service is shutting down; retry.', { retryAfterSeconds: 1 }),
      request,
      reply,
    );
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
