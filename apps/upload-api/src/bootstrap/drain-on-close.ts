import type { FastifyInstance } from 'fastify';

/**
 * Once closing starts, responses to in-flight requests carry `Connection: close`, so their
 * keep-alive sockets end with the response instead of holding close() for the keep-alive timeout.
 */
export function drainOnClose(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
