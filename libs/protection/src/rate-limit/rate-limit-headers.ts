import type { RateLimitPolicy } from '@app/config';
import type { RateLimitResult } from '@app/store';

/** IETF httpapi RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, structured fields). */
export function rateLimitPolicyHeader(policy: RateLimitPolicy): string {
  return `"user";q=${policy.user.limit};w=${policy.user.windowSeconds}, "ip";q=${policy.ip.limit};w=${policy.ip.windowSeconds}`;
}

export function rateLimitHeader(result: RateLimitResult): string {
  const [user, ip] = result.rules;
  const item = (name: string, state: { remaining: number; resetMs: number }) =>
    `"${name}";r=${Math.max(0, Math.floor(state.remaining))};t=${Math.ceil(state.resetMs / 1000)}`;
  return `${item('user', user)}, ${item('ip', ip)}`;
}
