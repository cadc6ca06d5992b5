import type { RedisConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { checkClaim, checkCount, checkIndexEntry, checkKey, checkQuota, checkRateLimit, checkTtl } from '../arguments/check-arguments';
import { storeUnavailable } from '../errors/store-errors';
import { Store } from '../store';
import type { Claim, ClaimResult, IndexEntry, QuotaReservation, RateLimitResult, RateLimitRule, StorePersistence } from '../store.types';
import { describeTarget, logConnectionChanges, type StoreLogger } from './connection-log';
import { createRedisClient, type RedisClient, readyWithin } from './redis-client';
import { readPersistence } from './redis-persistence';
import { type ReplicaWait, waitForReplicas } from './replica-wait';
import { assertSameSlot } from './same-slot';

export interface RedisStoreOptions {
  /** Defaults to Nest's Logger (routed to pino by the app). */
  logger?: StoreLogger;
}

/**
 * The store shared by every replica: standalone Redis, Sentinel or Cluster through ioredis. With
 * `replicaWait` (REDIS_WAIT_REPLICAS), `replicated` is a second store on its own connection whose
 * every write is followed by WAIT: a WAIT blocks its connection until the replicas answer (up to
 * its timeout while they are gone), which must not hold up the reads, limits and quotas sent here.
 */
export class RedisStore extends Store {
  readonly kind = 'redis' as const;
  private readonly client: RedisClient;
  private readonly silenceLog: () => void;
  /** On the replicated store: the WAIT after each write. */
  private readonly wait: ReplicaWait | undefined;
  /** On the main store, with `replicaWait`: the replicated one. */
  private readonly waiting: RedisStore | undefined;
  private closing: Promise<void> | undefined;
  /**
   * REDIS_KEY_PREFIX, put before every key here rather than by ioredis' keyPrefix option: that option
   * walks every command's arguments (a closure and arrays per command) to find its keys, which cost
   * CPU and, promoted under load, old-generation memory (bench/FINDINGS.md, issue 23, fourth pass).
   */
  private readonly prefix: string;

  constructor(
    private readonly config: RedisConfig,
    options: RedisStoreOptions = {},
    role: 'main' | 'replicated' = 'main',
  ) {
    super();
    this.prefix = config.keyPrefix;
    const replicated = role === 'replicated';
    this.client = createRedisClient(config, replicated);
    const target = `${describeTarget(config)}${replicated ? ' (replicated writes)' : ''}`;
    this.silenceLog = logConnectionChanges(this.client, target, options.logger ?? new Logger(RedisStore.name));
    if (replicated) this.wait = config.replicaWait;
    else if (config.replicaWait) this.waiting = new RedisStore(config, options, 'replicated');
  }

  override get replicated(): Store {
    return this.waiting ?? this;
  }

  override get waitsForReplicas(): boolean {
    return this.config.replicaWait !== undefined;
  }

  isReady(): boolean {
    return this.closing === undefined && this.client.status === 'ready' && (this.waiting?.isReady() ?? true);
  }

  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    const both = await Promise.all([this.connected(timeoutMs), this.waiting?.connected(timeoutMs) ?? true]);
    return both.every(Boolean);
  }

  private connected(timeoutMs: number): Promise<boolean> {
    if (this.closing !== undefined) return Promise.resolve(false);
    return readyWithin(this.client, timeoutMs);
  }

  async ping(): Promise<void> {
    await this.call(() => this.client.ping());
  }

  /** CONFIG GET appendonly, appendfsync and save; INFO persistence where CONFIG is refused (a managed Redis). */
  async persistence(): Promise<StorePersistence> {
    return this.call(() => readPersistence(this.client));
  }

  async get(key: string): Promise<string | null> {
    checkKey(key);
    return this.call(() => this.client.get(this.prefix + key));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    checkKey(key);
    const px = checkTtl(ttlMs);
    await this.write(key, () => this.client.set(this.prefix + key, value, 'PX', px));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkKey(key);
    const px = checkTtl(ttlMs);
    return (await this.write(key, () => this.client.set(this.prefix + key, value, 'PX', px, 'NX'))) === 'OK';
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.write(key, () => this.client.del(this.prefix + key));
  }

  async deleteIfEquals(key: string, expected: string): Promise<boolean> {
    checkKey(key);
    return (await this.write(key, () => this.client.storeDeleteIfEquals(this.prefix + key, expected))) === 1;
  }

  async replaceIfEquals(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean> {
    checkKey(key);
    const px = ttlMs === undefined ? 0 : checkTtl(ttlMs);
    return (await this.write(key, () => this.client.storeReplaceIfEquals(this.prefix + key, expected, value, px))) === 1;
  }

  async indexAdd(key: string, member: string, score: number, ttlMs: number): Promise<void> {
    checkKey(key);
    checkIndexEntry(member, score);
    const px = checkTtl(ttlMs);
    await this.write(key, () => this.client.storeIndexAdd(this.prefix + key, member, score, px));
  }

  async indexRange(key: string, maxScore: number, count: number): Promise<IndexEntry[]> {
    checkKey(key);
    checkCount(count);
    const flat = await this.call(() => this.client.zrevrangebyscore(this.prefix + key, maxScore, '-inf', 'WITHSCORES', 'LIMIT', 0, count));
    const entries: IndexEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i], score: Number(flat[i + 1]) });
    return entries;
  }

  async indexRemove(key: string, members: readonly string[]): Promise<void> {
    checkKey(key);
    if (members.length === 0) return;
    await this.write(key, () => this.client.zrem(this.prefix + key, ...members));
  }

  async rateLimit(rules: readonly RateLimitRule[], cost = 1): Promise<RateLimitResult> {
    checkRateLimit(rules, cost);
    const keys = rules.map((rule) => rule.key);
    if (this.config.mode === 'cluster') assertSameSlot(keys, this.prefix);
    const args = rules.flatMap((rule) => [rule.limit, rule.periodMs]);
    const reply = await this.write(keys[0], () =>
      this.client.storeRateLimit(keys.length, ...keys.map((key) => this.prefix + key), cost, ...args),
    );
    return {
      allowed: reply[0] === 1,
      retryAfterMs: reply[1],
      rules: rules.map((rule, i) => ({ limit: rule.limit, remaining: reply[2 + 2 * i], resetMs: reply[3 + 2 * i] })),
    };
  }

  async reserveQuota(key: string, limit: number, ttlMs: number): Promise<QuotaReservation> {
    checkKey(key);
    checkQuota(limit);
    const px = checkTtl(ttlMs);
    const [allowed, used] = await this.write(key, () => this.client.storeReserveQuota(this.prefix + key, limit, px));
    return { allowed: allowed === 1, used };
  }

  async releaseQuota(key: string): Promise<void> {
    checkKey(key);
    await this.write(key, () => this.client.storeReleaseQuota(this.prefix + key));
  }

  async claim(claim: Claim): Promise<ClaimResult> {
    const keys = checkClaim(claim);
    if (this.config.mode === 'cluster') assertSameSlot(keys, this.prefix);
    const { quota, entries, indexes = [] } = claim;
    const args: (string | number)[] = [quota ? 1 : 0, quota?.limit ?? 0, quota ? Math.ceil(quota.ttlMs) : 0, entries.length];
    for (const entry of entries) args.push(entry.value, Math.ceil(entry.ttlMs));
    for (const index of indexes) args.push(index.member, index.score, Math.ceil(index.ttlMs));
    const [outcome, detail, held] = await this.write(keys[0], () =>
      this.client.storeClaim(keys.length, ...keys.map((key) => this.prefix + key), ...args),
    );
    if (outcome === 0) return { outcome: 'claimed', used: detail };
    if (outcome === 1) return { outcome: 'quota', used: detail };
    return { outcome: 'taken', key: entries[detail - 1].key, value: held ?? '' };
  }

  close(): Promise<void> {
    this.closing ??= this.quit();
    return this.closing;
  }

  private async quit(): Promise<void> {
    await this.waiting?.close();
    this.silenceLog();
    // QUIT lets replies in flight arrive; disconnect() also stops reconnecting when Redis is down.
    if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
    this.client.disconnect();
  }

  /** A write; on the replicated store, resolved only once enough replicas hold it (else the same 503). */
  private async write<T>(key: string, command: () => Promise<T>): Promise<T> {
    const result = await this.call(command);
    const wait = this.wait;
    if (wait) await this.call(() => waitForReplicas(this.client, this.prefix + key, wait));
    return result;
  }

  /** Every failure of a Redis call, whatever ioredis raised, reaches callers as the same 503. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    // The socket may still say "ready" while QUIT completes; a closed store is closed at once.
    if (this.closing) throw storeUnavailable(new Error('The store is closed'));
    try {
      return await command();
    } catch (error) {
      throw storeUnavailable(error);
    }
  }
}
