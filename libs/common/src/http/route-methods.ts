import FindMyWay from 'find-my-way';
import type { FastifyInstance } from 'fastify';

// OPTIONS is left out: CORS answers preflights for every path, which says nothing about the path.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The longest path parameter the routers accept (Fastify's and this one); longer is no id of ours. */
export const MAX_PARAM_LENGTH = 200;

/**
 * Remembers every registered route so a miss can be told apart: no such path (404) or the
 * path exists under other methods (405 with Allow). Fastify answers both as 404.
 */
export class RouteMethods {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH });

  /** Call before the routes are registered (before app.init()). */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (!(METHODS as readonly string[]).includes(method)) continue;
        if (!this.router.hasRoute(method as (typeof METHODS)[number], route.url)) {
          this.router.on(method as (typeof METHODS)[number], route.url, () => undefined);
        }
      }
    });
  }

  allowed(path: string): string[] {
    return METHODS.filter((method) => this.router.find(method, path) !== null);
  }
}
