import { fastifyRequestContext, requestContext } from '@fastify/request-context';
import type { FastifyInstance } from 'fastify';

declare module '@fastify/request-context' {
  interface RequestContextData {
    requestId: string;
    recordClaim?: RecordClaim;
  }
}

/**
 * A key the request's upload record is written with, only if the key is new (an Idempotency-Key's
 * claim: the interceptor makes it, the records layer writes it with the record in one atomic step).
 * `claimed` turns true once it is written.
 */
export interface RecordClaim {
  readonly key: string;
  readonly value: string;
  readonly ttlMs: number;
  claimed: boolean;
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

/** Asks that `claim` be written with the upload record this request creates (see RecordClaim). */
export function claimWithRecord(claim: RecordClaim): void {
  requestContext.set('recordClaim', claim);
}

/** The claim this request's upload record is to be written with, until it is. */
export function pendingRecordClaim(): RecordClaim | undefined {
  const claim = requestContext.get('recordClaim');
  return claim && !claim.claimed ? claim : undefined;
}
