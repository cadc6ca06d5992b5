import type { Claim, RateLimitRule } from '../store.types';

// Bad arguments are programming errors: they throw RangeError (a 500), never a 503 or a 429.

export function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new RangeError('store key must be a non-empty string');
}

/** Returns the TTL as whole milliseconds (Redis PX takes integers). */
export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

export function checkRateLimit(rules: readonly RateLimitRule[], cost: number): void {
  if (rules.length === 0) throw new RangeError('rateLimit needs at least one rule');
  checkPositiveInteger('cost', cost);
  const keys = new Set<string>();
  for (const rule of rules) {
    checkKey(rule.key);
    if (keys.has(rule.key)) throw new RangeError(`rateLimit rules repeat the key ${rule.key}`);
    keys.add(rule.key);
    checkPositiveInteger('limit', rule.limit);
    if (!Number.isFinite(rule.periodMs) || rule.periodMs <= 0) {
      throw new RangeError(`periodMs must be a positive number, got ${rule.periodMs}`);
    }
    // Such a request could never be admitted; refusing it forever with a Retry-After would be a lie.
    if (cost > rule.limit) throw new RangeError(`cost ${cost} exceeds the limit ${rule.limit} of ${rule.key}`);
  }
}

export function checkQuota(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`quota limit must be an integer >= 0, got ${limit}`);
}

export function checkTokenBucket(ratePerSecond: number, burst: number): void {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${ratePerSecond}`);
  }
  checkPositiveInteger('burst', burst);
}

export function checkIndexEntry(member: string, score: number): void {
  if (typeof member !== 'string' || member.length === 0) throw new RangeError('index member must be a non-empty string');
  if (!Number.isFinite(score)) throw new RangeError(`index score must be a finite number, got ${score}`);
}

export function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
}

/** Every key of a claim, quota first, then entries, then indexes; each key once, at least one entry. */
export function checkClaim(claim: Claim): string[] {
  if (claim.entries.length === 0) throw new RangeError('claim needs at least one entry');
  const keys: string[] = [];
  if (claim.quota) {
    checkQuota(claim.quota.limit);
    checkTtl(claim.quota.ttlMs);
    keys.push(claim.quota.key);
  }
  for (const entry of claim.entries) {
    checkTtl(entry.ttlMs);
    keys.push(entry.key);
  }
  for (const index of claim.indexes ?? []) {
    checkIndexEntry(index.member, index.score);
    checkTtl(index.ttlMs);
    keys.push(index.key);
  }
  keys.forEach(checkKey);
  if (new Set(keys).size !== keys.length) throw new RangeError(`claim repeats a key: ${keys.join(', ')}`);
  return keys;
}
