import { gcra } from '../algorithms/gcra';
import { checkClaim, checkCount, checkIndexEntry, checkKey, checkQuota, checkRateLimit, checkTtl } from '../arguments/check-arguments';
import { storeUnavailable } from '../errors/store-errors';
import { Store } from '../store';
import type { Claim, ClaimResult, IndexEntry, QuotaReservation, RateLimitResult, RateLimitRule, StorePersistence } from '../store.types';
import { ExpiringIndexes } from './expiring-indexes';
import { ExpiringMap } from './expiring-map';

export interface MemoryStoreOptions {
  /** Milliseconds since the epoch; tests pass a clock they can move. */
  clock?: () => number;
  sweepIntervalMs?: number;
}

/**
 * The store for a single instance without Redis (development, tests). Same semantics as
 * RedisStore; atomic because each operation runs to completion on the one JavaScript thread.
 */
export class MemoryStore extends Store {
  readonly kind = 'memory' as const;
  private readonly clock: () => number;
  private readonly entries: ExpiringMap;
  private readonly indexes: ExpiringIndexes;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly keyPrefix: string,
    options: MemoryStoreOptions = {},
  ) {
    super();
    this.clock = options.clock ?? Date.now;
    this.entries = new ExpiringMap(this.clock);
    this.indexes = new ExpiringIndexes(this.clock);
    // unref: the sweep must never keep the process alive on its own.
    this.sweeper = setInterval(() => {
      this.entries.sweep();
      this.indexes.sweep();
    }, options.sweepIntervalMs ?? 60_000).unref();
  }

  /** Entries held, including expired ones not yet swept. */
  get size(): number {
    return this.entries.size;
  }

  isReady(): boolean {
    return !this.closed;
  }

  async waitUntilReady(): Promise<boolean> {
    return !this.closed;
  }

  async ping(): Promise<void> {
    this.open();
  }

  /** Nothing outlives the process. */
  async persistence(): Promise<StorePersistence> {
    this.open();
    return { appendOnly: false, snapshots: false };
  }

  async get(key: string): Promise<string | null> {
    checkKey(key);
    this.open();
    return this.entries.get(this.keyPrefix + key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    checkKey(key);
    const ttl = checkTtl(ttlMs);
    this.open();
    this.entries.set(this.keyPrefix + key, value, ttl);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkKey(key);
    const ttl = checkTtl(ttlMs);
    this.open();
    if (this.entries.get(this.keyPrefix + key)) return false;
    this.entries.set(this.keyPrefix + key, value, ttl);
    return true;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    this.open();
    this.entries.delete(this.keyPrefix + key);
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    checkKey(key);
    this.open();
    if (this.entries.get(this.keyPrefix + key)?.value !== expected) return false;
    return this.entries.delete(this.keyPrefix + key);
  }

  async replaceIfEquals(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean> {
    checkKey(key);
    const ttl = ttlMs === undefined ? undefined : checkTtl(ttlMs);
    this.open();
    const entry = this.entries.get(this.keyPrefix + key);
    if (entry?.value !== expected) return false;
    if (ttl === undefined) this.entries.replaceValue(this.keyPrefix + key, entry, value);
    else this.entries.set(this.keyPrefix + key, value, ttl);
    return true;
  }

  async indexAdd(key: string, member: string, score: number, ttlMs: number): Promise<void> {
    checkKey(key);
    checkIndexEntry(member, score);
    const ttl = checkTtl(ttlMs);
    this.open();
    this.indexes.add(this.keyPrefix + key, member, score, ttl);
  }

  async indexRange(key: string, maxScore: number, count: number): Promise<IndexEntry[]> {
    checkKey(key);
    checkCount(count);
    this.open();
    return this.indexes.range(this.keyPrefix + key, maxScore, count);
  }

  async indexRemove(key: string, members: readonly string[]): Promise<void> {
    checkKey(key);
    this.open();
    this.indexes.remove(this.keyPrefix + key, members);
  }

  async rateLimit(rules: readonly RateLimitRule[], cost = 1): Promise<RateLimitResult> {
    checkRateLimit(rules, cost);
    this.open();
    const keys = rules.map((rule) => this.keyPrefix + rule.key);
    const inputs = rules.map((rule, i) => {
      const tat = Number(this.entries.get(keys[i])?.value ?? Number.NaN);
      return { limit: rule.limit, periodMs: rule.periodMs, tat: Number.isFinite(tat) ? tat : null };
    });
    const { result, writes } = gcra(inputs, cost, this.clock());
    writes.forEach((write, i) => this.entries.set(keys[i], write.value, write.ttlMs));
    return result;
  }

  async reserveQuota(key: string, limit: number, ttlMs: number): Promise<QuotaReservation> {
    checkKey(key);
    checkQuota(limit);
    const ttl = checkTtl(ttlMs);
    this.open();
    const entry = this.entries.get(this.keyPrefix + key);
    const used = entry ? Number(entry.value) : 0;
    if (used >= limit) return { allowed: false, used };
    if (entry) this.entries.replaceValue(this.keyPrefix + key, entry, String(used + 1));
    else this.entries.set(this.keyPrefix + key, '1', ttl);
    return { allowed: true, used: used + 1 };
  }

  async releaseQuota(key: string): Promise<void> {
    checkKey(key);
    this.open();
    const entry = this.entries.get(this.keyPrefix + key);
    const used = entry ? Number(entry.value) : 0;
    if (entry && used > 1) this.entries.replaceValue(this.keyPrefix + key, entry, String(used - 1));
    else if (entry && used === 1) this.entries.delete(this.keyPrefix + key);
  }

  async claim(claim: Claim): Promise<ClaimResult> {
    checkClaim(claim);
    this.open();
    const { quota, entries, indexes = [] } = claim;
    for (const entry of entries) {
      const held = this.entries.get(this.keyPrefix + entry.key);
      if (held) return { outcome: 'taken', key: entry.key, value: held.value };
    }
    const counter = quota && this.entries.get(this.keyPrefix + quota.key);
    let used = counter ? Number(counter.value) : 0;
    if (quota && used >= quota.limit) return { outcome: 'quota', used };
    for (const entry of entries) this.entries.set(this.keyPrefix + entry.key, entry.value, checkTtl(entry.ttlMs));
    for (const index of indexes) this.indexes.add(this.keyPrefix + index.key, index.member, index.score, checkTtl(index.ttlMs));
    if (quota) {
      used += 1;
      if (counter) this.entries.replaceValue(this.keyPrefix + quota.key, counter, String(used));
      else this.entries.set(this.keyPrefix + quota.key, String(used), checkTtl(quota.ttlMs));
    }
    return { outcome: 'claimed', used };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.entries.clear();
    this.indexes.clear();
  }

  /** A closed store behaves like an unreachable Redis, so callers see one failure mode. */
  private open(): void {
    if (this.closed) throw storeUnavailable(new Error('The memory store is closed'));
  }
}
