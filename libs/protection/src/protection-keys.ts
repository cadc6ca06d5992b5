import { hash } from 'node:crypto';
import type { RateLimitScope, UploadKind } from '@app/registry';

/** Short, fixed-length and opaque: user ids and IPs never sit in Redis in clear, and never break a hash tag. */
// crypto.hash: the one-shot form, without a Hash object per call (three digests per request on a hot path).
export const digest = (value: string) => hash('sha256', value, 'base64url').slice(0, 22);

/**
 * Store keys of the protection layer. The `{...}` hash tag keeps the keys of one script call in one
 * Redis Cluster slot: both rate-limit keys of a request share the kind's tag.
 */
export const ProtectionKeys = {
  rateLimit: (kind: RateLimitScope, scope: 'user' | 'ip', id: string) => `rl:{${kind}}:${scope}:${digest(id)}`,
  quota: (kind: UploadKind, userId: string, day: string) => `quota:{${digest(userId)}}:${kind}:${day}`,
  idempotency: (kind: UploadKind, userId: string, key: string) => `idem:{${digest(userId)}}:${kind}:${digest(key)}`,
};
