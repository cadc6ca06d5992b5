import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { matchedRoute } from '../http/route-config';

/** Probes answered 200 are not logged: an orchestrator asks every few seconds, and only a failing probe is news. */
const QUIET_WHEN_OK = new Set(['/healthz', '/readyz']);

/**
 * Replaces Fastify's two request log lines with one per request: method, route, status,
 * latency, request id and user id. Never headers or bodies.
 */
export class AccessLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const route = matchedRoute(request);
    if (status === 200 && QUIET_WHEN_OK.has(route.url!)) return;
    const line = {
      method: request.method,
      route: route.url ?? null,
      // A route whose path holds a secret (a receiver's token) is logged by its pattern only.
      path: route.secretPath ? route.url : request.url.split('?', 1)[0],
      status,
      latencyMs: Math.round(reply.elapsedTime * 100) / 100,
      userId: (request as { user?: { id?: string } }).user?.id ?? null,
      code: request.problemCode,
    };
    if (status >= 500) request.log.error(line, 'request');
    else request.log.info(line, 'request');
  }
}
