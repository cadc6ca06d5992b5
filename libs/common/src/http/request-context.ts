import { fastifyRequestContext, requestContext } from '@fastify/request-context';
import type { FastifyInstance } from 'fastify';

declare module '@fastify/request-context' {
  interface RequestContextData {
    requestId: string;
  }
}

/**
 * Carries the request id through the async work of a request, so adapters can log it. Entered once
 * the body is parsed (preValidation): only handlers read it, so a request the gate refuses never
 * pays for an async context.
 */
export async function registerRequestContext(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyRequestContext, {
    hook: 'preValidation',
    defaultStoreValues: (request) => ({ requestId: String(request.id) }),
  });
}

/** The id of the request being served, if any (upstream log lines carry it for correlation). */
export function currentRequestId(): string | undefined {
  return requestContext.get('requestId');
}
