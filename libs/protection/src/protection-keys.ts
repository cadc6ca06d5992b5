import { hash } from 'node:crypto';
import type { RateLimitScope, UploadKind } from '@app/registry';

/** Short, fixed-length and opaque: user ids and IPs never sit in Redis in clear, and never break a hash tag. */
const DIGESTS = new Map<string, string>();
const MAX_DIGESTS = 4096;

/**
 * The same user and address come back request after request (two to four digests each): the last
 * few thousand are kept, emptied when full. crypto.hash: the one-shot form, without a Hash object.
 */
export const digest = (value: string): string => {
  let digested = DIGESTS.get(value);
  if (digested === undefined) {
    digested = hash('sha256', value, 'base64url').slice(0, 22);
    if (DIGESTS.size >= MAX_DIGESTS) DIGESTS.clear();
    DIGESTS.set(value, digested);
  }
  return digested;
};

/**
 * Store keys of the protection layer. The `{...}` hash tag keeps the keys of one script call in one
 * Redis Cluster slot: both rate-limit keys of a request share the kind's tag.
 */
export const ProtectionKeys = {
  rateLimit: (kind: RateLimitScope, scope: 'user' | 'ip', id: string) => `rl:{${kind}}:${scope}:${digest(id)}`,
  quota: (kind: UploadKind, userId: string, day: string) => `quota:{${digest(userId)}}:${kind}:${day}`,
  idempotency: (kind: UploadKind, userId: string, key: string) => `idem:{${digest(userId)}}:${kind}:${digest(key)}`,
};
