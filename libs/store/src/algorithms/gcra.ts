import type { RateLimitResult } from '../store.types';

/**
 * Slack for floating-point error. Theoretical arrival times are absolute milliseconds near 1.7e12,
 * where a double resolves ~0.0002 ms, and limit/period intervals such as 1000/3 are inexact.
 * Without it, a burst of exactly `limit` could be refused by a rounding error.
 * The Redis script embeds this same value.
 */
export const GCRA_TOLERANCE_MS = 0.01;

export interface GcraRuleInput {
  limit: number;
  periodMs: number;
  /** The stored theoretical arrival time (absolute ms), or null when the key is absent. */
  tat: number | null;
}

export interface GcraOutcome {
  result: RateLimitResult;
  /** New state per rule when allowed (empty when refused): stored value and its TTL. */
  writes: { value: string; ttlMs: number }[];
}

/**
 * GCRA over several rules, all-or-nothing. The TypeScript twin of the Redis script in
 * redis/scripts/rate-limit.script.ts: keep the two line-for-line equivalent.
 */
export function gcra(rules: readonly GcraRuleInput[], cost: number, now: number): GcraOutcome {
  let allowed = true;
  let retry = 0;
  // Work relative to now: small numbers keep the precision that absolute times lose.
  const current = rules.map((rule) => (rule.tat === null ? 0 : Math.max(rule.tat - now, 0)));
  const spent = rules.map((rule, i) => current[i] + (rule.periodMs / rule.limit) * cost);
  rules.forEach((rule, i) => {
    const wait = spent[i] - rule.periodMs;
    if (wait > GCRA_TOLERANCE_MS) {
      allowed = false;
      retry = Math.max(retry, wait);
    }
  });

  const states = rules.map((rule, i) => {
    const ahead = allowed ? spent[i] : current[i];
    const interval = rule.periodMs / rule.limit;
    return {
      limit: rule.limit,
      remaining: Math.max(0, Math.floor((rule.periodMs - ahead + GCRA_TOLERANCE_MS) / interval)),
      resetMs: Math.max(0, Math.ceil(ahead - GCRA_TOLERANCE_MS)),
    };
  });
  const writes = allowed ? spent.map((ahead) => ({ value: (now + ahead).toFixed(3), ttlMs: Math.ceil(ahead) })) : [];
  return { result: { allowed, retryAfterMs: allowed ? 0 : Math.ceil(retry), rules: states }, writes };
}
