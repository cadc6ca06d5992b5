import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * What the request gate checks on a route before its body is read, in this order: the bearer token
 * (and `permission`), the rate limits of `rateLimit`, and whether the deployment offers `offered`.
 * Set by @Authenticated, @RateLimited and @ProtectedUpload; read from `request.routeOptions.config`.
 */
export interface GateSpec {
  permission?: string;
  rateLimit?: string;
  offered?: string;
  /** The route acts on an upload the user has (a refresh, a commit): the upload's region serves it, not the user's. */
  existingUpload?: boolean;
  /**
   * The body may name an upload the user has (a signature session's next signature): with region profiles
   * the gate checks only that the user's region is a known one, and the handler refuses a new upload in a
   * region that does not offer the product (ConfigService.requireOfferedTo).
   */
  uploadInBody?: boolean;
}

/** Adds to the gate spec of the decorated handler's Fastify route config, keeping what other decorators put there. */
export function GateRoute(part: GateSpec): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as { gate?: GateSpec } | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, gate: { ...current.gate, ...part } }, handler);
    return descriptor;
  };
}

/** The route config a request matched: its pattern, method, gate spec and flags (Fastify adds url and method). */
export interface MatchedRoute {
  url?: string;
  method?: string | string[];
  gate?: GateSpec;
  /** The path holds a secret (a receiver's token): logged by its pattern only. */
  secretPath?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    matchedRoute: MatchedRoute | null;
  }
}

const UNMATCHED: MatchedRoute = Object.freeze({});

/** Declares `request.matchedRoute`, so that every request has the same shape. Before any hook that reads it. */
export function decorateMatchedRoute(fastify: FastifyInstance): void {
  fastify.decorateRequest('matchedRoute', null);
}

/**
 * The route config of the request, read once: Fastify's `request.routeOptions` builds a new
 * twelve-field object on every access, and a request reads it in five hooks.
 */
export function matchedRoute(request: FastifyRequest): MatchedRoute {
  return (request.matchedRoute ??= request.routeOptions.config ?? UNMATCHED);
}

/** The gate spec of the route a request matched, if it is gated. */
export function gateSpecOf(request: FastifyRequest): GateSpec | undefined {
  return matchedRoute(request).gate;
}
