import type { FastifyInstance } from 'fastify';

/**
 * JSON is the only body we accept: form and text bodies are 415. An empty JSON body counts as
 * no body, so bodiless POSTs (refresh, commit) work from clients that always send the header.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}
