import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, type ProblemWriter, REQUEST_ID_HEADER, type Refusal } from '@app/common';

const MALFORMED_PREFLIGHT: Refusal = {
  status: 400,
  code: ErrorCode.MALFORMED_REQUEST,
  detail: 'A CORS preflight (OPTIONS) needs the Origin and Access-Control-Request-Method headers.',
};

/** An OPTIONS request that is not a preflight a browser sends: no Origin, or no Access-Control-Request-Method. */
const malformedPreflight = (request: FastifyRequest) =>
  request.method === 'OPTIONS' && !(request.headers.origin && request.headers['access-control-request-method']);

/**
 * @fastify/cors for the allowed origins, as a per-request delegate: a malformed preflight is passed on
 * (`preflight: false`) instead of being answered in text/plain by the library's strict check, so that
 * refuseMalformedPreflights answers it as a problem like every other error.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  const options: FastifyCorsOptions = {
    origin: origins.includes('*') ? '*' : [...origins],
    // DELETE: a web app revokes its uploads (DELETE /v1/uploads/{uploadId}).
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', REQUEST_ID_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'ratelimit', 'ratelimit-policy', 'idempotent-replayed'],
    maxAge: 600,
  };
  const passedOn: FastifyCorsOptions = { ...options, preflight: false };
  return { delegator: (request, callback) => callback(null, malformedPreflight(request) ? passedOn : options) };
}

/** After the CORS hook, before any route: the malformed preflights it passed on get a 400 problem. */
export function refuseMalformedPreflights(fastify: FastifyInstance, problems: ProblemWriter): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!malformedPreflight(request)) return done();
    problems.refuse(MALFORMED_PREFLIGHT, request, reply);
  });
}
