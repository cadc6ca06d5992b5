import type { FastifyInstance } from 'fastify';
import { normaliseJsonBody } from '@app/common';

/**
 * JSON is the only body we accept: form and text bodies are 415. An empty JSON body counts as
 * no body, so bodiless POSTs (refresh, commit) work from clients that always send the header.
 * Every parsed body is normalised once (depth, Unicode, nulls) before validation sees it.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, body as string, (error, parsed) => {
      if (error) return done(error, undefined);
      try {
        done(null, normaliseJsonBody(parsed));
      } catch (shapeError) {
        done(shapeError as Error, undefined);
      }
    });
  });
}
