export type StoreKind = 'memory' | 'redis';

/** One GCRA rule: at most `limit` units per `periodMs`, refilled smoothly (one unit every periodMs/limit). */
export interface RateLimitRule {
  key: string;
  limit: number;
  periodMs: number;
}

export interface RateLimitRuleState {
  limit: number;
  /** Units still available right now (after this call's spend when allowed). */
  remaining: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** 0 when allowed; otherwise milliseconds until every rule can admit the requested cost. */
  retryAfterMs: number;
  /** One entry per rule, in the order given. */
  rules: RateLimitRuleState[];
}

export interface QuotaReservation {
  allowed: boolean;
  /** The counter after this call: incremented when allowed, unchanged when refused. */
  used: number;
}

/** A member of a sorted index and its score. */
export interface IndexEntry {
  member: string;
  score: number;
}

export interface TokenGrant {
  allowed: boolean;
  /** 0 when allowed; otherwise milliseconds until one token is available. */
  waitMs: number;
}

/**
 * What the backing system says it does to outlive its own restart. `undefined`: it would not say
 * (a managed Redis often refuses CONFIG, sometimes INFO, to its users).
 */
export interface StorePersistence {
  /** The append-only file: every write logged, replayed at start. */
  appendOnly: boolean | undefined;
  /** How often the append-only file reaches the disk (`always`, `everysec`, `no`), when known. */
  appendFsync?: string;
  /** Snapshots (RDB `save` points): what was written since the last one is lost. */
  snapshots: boolean | undefined;
}

/** One key a `claim` writes, only if it (and every other key of the claim) is absent. */
export interface ClaimEntry {
  key: string;
  value: string;
  ttlMs: number;
}

/**
 * What one request creates, in one atomic step: a daily-quota unit (as `reserveQuota`), keys written
 * only when all of them are absent (as `setIfAbsent`), and entries added to sorted indexes (as `indexAdd`).
 */
export interface Claim {
  quota?: { key: string; limit: number; ttlMs: number };
  entries: readonly ClaimEntry[];
  indexes?: readonly { key: string; member: string; score: number; ttlMs: number }[];
}

/**
 * claimed: everything written (`used`: the quota counter after it, 0 without a quota); taken: `key` (the
 * first of the entries found) exists and holds `value`, whatever the quota; quota: the quota is used up.
 * Refused: nothing written.
 */
export type ClaimResult =
  { outcome: 'claimed'; used: number } | { outcome: 'quota'; used: number } | { outcome: 'taken'; key: string; value: string };
