import type { FastifyInstance } from 'fastify';
import { matchedRoute, REQUEST_ID_HEADER } from '@app/common';

const LIVE = JSON.stringify({ status: 'ok' });

/**
 * GET /healthz answered by the first request hook, with the security headers and the request id
 * but without the rest of the pipeline (Nest's router, guards, interceptors, serialisation): an
 * orchestrator probes every few seconds, and liveness only says that the process answers. The Nest
 * route stays for the OpenAPI document and for HEAD. Register it before every other hook.
 */
export function registerLivenessLane(fastify: FastifyInstance, securityHeaders: Record<string, string>): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // Without Host, an HTTP/1.1 request goes on to BelowTheRouter's 400.
    if (request.method !== 'GET' || matchedRoute(request).url !== '/healthz' || request.headers.host === undefined) return done();
    reply.headers(securityHeaders).header(REQUEST_ID_HEADER, request.id).type('application/json; charset=utf-8').send(LIVE);
  });
}
