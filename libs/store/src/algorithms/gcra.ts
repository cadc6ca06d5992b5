import type { RateLimitResult } from '../store.types';

/**
 * Slack for floating-point error. Theoretical arrival times are absolute milliseconds near 1.7e12,
 * where a double resolves ~0.0002 ms, and limit/period intervals such as 1000/3 are inexact.
 * Without it, a burst of exactly `limit` could be refused by a rounding error. A rule uses at most
 * a quarter of its emission interval, so the slack never admits a request more, nor reports one
 * more remaining, than the limit. The Redis script embeds these same values.
 */
export const GCRA_TOLERANCE_MS = 0.01;
export const GCRA_TOLERANCE_SHARE = 0.25;

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
  const intervals = rules.map((rule) => rule.periodMs / rule.limit);
  const tolerances = intervals.map((interval) => Math.min(GCRA_TOLERANCE_MS, interval * GCRA_TOLERANCE_SHARE));
  // Work relative to now: small numbers keep the precision that absolute times lose.
  const current = rules.map((rule) => (rule.tat === null ? 0 : Math.max(rule.tat - now, 0)));
  const spent = rules.map((_rule, i) => current[i] + intervals[i] * cost);
  rules.forEach((rule, i) => {
    const wait = spent[i] - rule.periodMs;
    if (wait > tolerances[i]) {
      allowed = false;
      retry = Math.max(retry, wait);
    }
  });

  const states = rules.map((rule, i) => {
    const ahead = allowed ? spent[i] : current[i];
    const remaining = Math.floor((rule.periodMs - ahead + tolerances[i]) / intervals[i]);
    return {
      limit: rule.limit,
      remaining: Math.min(rule.limit, Math.max(0, remaining)),
      resetMs: Math.max(0, Math.ceil(ahead - tolerances[i])),
    };
  });
  const writes = allowed ? spent.map((ahead) => ({ value: (now + ahead).toFixed(3), ttlMs: Math.ceil(ahead) })) : [];
  return { result: { allowed, retryAfterMs: allowed ? 0 : Math.ceil(retry), rules: states }, writes };
}
