import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { ApiError } from '@app/common';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key this request claimed, once the interceptor accepted it. */
    idempotencyKey?: string;
  }
}

/**
 * The draft (draft-ietf-httpapi-idempotency-key-header) sends the key as a structured-field
 * string, `"8e03978e-..."`; a bare token is accepted too. Printable ASCII, 1-255 characters.
 */
export function parseIdempotencyKey(raw: string | string[]): string {
  const value = Array.isArray(raw) ? undefined : raw.trim().replace(/^"(.*)"$/, '$1');
  if (value === undefined || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw ApiError.validation([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be one value of 1-255 printable ASCII characters' },
    ]);
  }
  return value;
}

/** The claimed Idempotency-Key, if the request carried one. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<FastifyRequest>().idempotencyKey,
);

/**
 * Alibaba VOD's ReferenceId for a (user, Idempotency-Key) pair: 6-64 characters of [A-Za-z0-9_-],
 * stable, so the provider deduplicates a retry even after our own record is gone.
 */
export function referenceIdFor(userId: string, key: string): string {
  return createHash('sha256').update(`${userId}\u0000${key}`).digest('base64url');
}
