import type { FastifyInstance } from 'fastify';
import { matchedRoute, type MetricsService } from '@app/common';

/** Observes every response; unmatched paths share one label so random 404s cannot blow up cardinality. */
export function registerRequestMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.requestDuration.observe(
      { method: request.method, route: matchedRoute(request).url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
