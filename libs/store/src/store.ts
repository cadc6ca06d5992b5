import { checkTokenBucket } from './arguments/check-arguments';
import type {
  Claim,
  ClaimResult,
  IndexEntry,
  QuotaReservation,
  RateLimitResult,
  RateLimitRule,
  StoreKind,
  StorePersistence,
  TokenGrant,
} from './store.types';

/**
 * Small atomic key-value store shared by every replica (Redis) or held in-process (memory).
 * Inject it by this class. Every key is prefixed with the configured keyPrefix and carries a TTL.
 * When the backing system is unreachable, every call rejects with ApiError 503 STORE_UNAVAILABLE;
 * invalid arguments reject with RangeError.
 */
export abstract class Store {
  abstract readonly kind: StoreKind;

  /** Resolves when the store answers; rejects with 503 otherwise. */
  abstract ping(): Promise<void>;

  /** Synchronous readiness for health checks: true while connected (memory: until closed). */
  abstract isReady(): boolean;

  /** Resolves true once connected, or false after `timeoutMs`. Never rejects. */
  abstract waitUntilReady(timeoutMs: number): Promise<boolean>;

  /**
   * Whether what the store holds survives a restart of its backing system, as that system reports it.
   * Rejects with 503 only when the store does not answer; a server that refuses to say gives `undefined`s.
   */
  abstract persistence(): Promise<StorePersistence>;

  abstract get(key: string): Promise<string | null>;

  /** Writes the value, replacing any value and TTL the key had. */
  abstract set(key: string, value: string, ttlMs: number): Promise<void>;

  /** Writes only when the key does not exist. Exactly one of concurrent callers gets true. */
  abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;

  abstract delete(key: string): Promise<void>;

  /** Deletes the key only while it still holds `expected` (releasing a lock we own). */
  abstract deleteIfEquals(key: string, expected: string): Promise<boolean>;

  /**
   * Compare-and-set: writes `value` only while the key still holds `expected`, keeping its TTL, or
   * setting `ttlMs` when given (renewing a lease). False when someone else changed it first.
   */
  abstract replaceIfEquals(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean>;

  /**
   * Adds `member` with `score` to a sorted index (or moves it), and makes the whole index expire
   * `ttlMs` from now: an index lives as long as its newest entry.
   */
  abstract indexAdd(key: string, member: string, score: number, ttlMs: number): Promise<void>;

  /** Up to `count` entries with a score at most `maxScore`, highest score first (ties: member descending). */
  abstract indexRange(key: string, maxScore: number, count: number): Promise<IndexEntry[]>;

  /** Removes members from an index (absent ones are ignored). */
  abstract indexRemove(key: string, members: readonly string[]): Promise<void>;

  /**
   * GCRA over every rule at once, all-or-nothing: `cost` is spent on every rule, or on none when
   * any rule would be exceeded. A burst of `limit` is admitted, then one unit per periodMs/limit.
   *
   * Redis Cluster: the keys of one call must hash to the same slot, so give them a shared hash
   * tag, e.g. `{rl:alice}:user` and `{rl:alice}:ip`. A call whose keys span slots throws
   * CrossSlotKeysError in cluster mode. `cost` above any rule's limit throws RangeError.
   */
  abstract rateLimit(rules: readonly RateLimitRule[], cost?: number): Promise<RateLimitResult>;

  /**
   * Increments the counter when it is below `limit`. The TTL is set when the counter is created
   * and never extended: pass the milliseconds until the quota resets.
   */
  abstract reserveQuota(key: string, limit: number, ttlMs: number): Promise<QuotaReservation>;

  /** Gives one unit back (the upstream call failed). Never goes below zero, never recreates. */
  abstract releaseQuota(key: string): Promise<void>;

  /**
   * What one request creates, atomically and in one round trip: the quota unit is reserved (checked
   * first), the entries are written when none exists, the index entries are added; or nothing is
   * written. Redis Cluster: every key of one claim must hash to the same slot (CrossSlotKeysError).
   */
  abstract claim(claim: Claim): Promise<ClaimResult>;

  abstract close(): Promise<void>;

  /**
   * This store for writes that acknowledge something to a caller (an upload record, an idempotent
   * answer): with REDIS_WAIT_REPLICAS, each write resolves only once that many replicas hold it, and
   * rejects with 503 STORE_UNAVAILABLE when fewer did in time. Without it, and in memory, this store.
   */
  get replicated(): Store {
    return this;
  }

  /** Whether `replicated` writes wait for replicas: a caller may then refuse to acknowledge what failed to reach them. */
  get waitsForReplicas(): boolean {
    return false;
  }

  /**
   * A token bucket of `burst` tokens refilled at `ratePerSecond`, shared by all replicas.
   * A token bucket is GCRA seen from the other side, so it runs on the same atomic script.
   */
  async takeToken(key: string, ratePerSecond: number, burst: number): Promise<TokenGrant> {
    checkTokenBucket(ratePerSecond, burst);
    const result = await this.rateLimit([{ key, limit: burst, periodMs: (burst * 1000) / ratePerSecond }]);
    return { allowed: result.allowed, waitMs: result.retryAfterMs };
  }
}
