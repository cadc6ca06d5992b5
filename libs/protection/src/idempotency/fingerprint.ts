import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { matchedRoute } from '@app/common';

/** JSON with object keys sorted, so key order and whitespace do not make two requests differ. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** What makes two requests "the same" for an Idempotency-Key: route, path parameters and body. */
export function requestFingerprint(request: FastifyRequest): string {
  const subject = { route: matchedRoute(request).url, params: canonical(request.params), body: canonical(request.body ?? null) };
  return createHash('sha256').update(JSON.stringify(subject)).digest('base64url');
}
