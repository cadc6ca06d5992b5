import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyRequest } from 'fastify';

/**
 * What the request gate checks on a route before its body is read, in this order: the bearer token
 * (and `permission`), the rate limits of `rateLimit`, and whether the deployment offers `offered`.
 * Set by @Authenticated, @RateLimited and @ProtectedUpload; read from `request.routeOptions.config`.
 */
export interface GateSpec {
  permission?: string;
  rateLimit?: string;
  offered?: string;
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

/** The gate spec of the route a request matched, if it is gated. */
export function gateSpecOf(request: FastifyRequest): GateSpec | undefined {
  return (request.routeOptions.config as { gate?: GateSpec } | undefined)?.gate;
}
