import { CLAIM_SCRIPT } from './claim.script';
import { DELETE_IF_EQUALS_SCRIPT } from './delete-if-equals.script';
import { INDEX_ADD_SCRIPT } from './index-add.script';
import { RELEASE_QUOTA_SCRIPT, RESERVE_QUOTA_SCRIPT } from './quota.script';
import { RATE_LIMIT_SCRIPT } from './rate-limit.script';
import { REPLACE_IF_EQUALS_SCRIPT } from './replace-if-equals.script';

/**
 * Registered through ioredis `scripts`: it sends EVALSHA and falls back to EVAL on NOSCRIPT
 * (new connection, restarted server, another cluster node). KEYS arrive prefixed (RedisStore adds REDIS_KEY_PREFIX).
 */
export const STORE_SCRIPTS = {
  storeRateLimit: { lua: RATE_LIMIT_SCRIPT },
  storeReserveQuota: { lua: RESERVE_QUOTA_SCRIPT, numberOfKeys: 1 },
  storeReleaseQuota: { lua: RELEASE_QUOTA_SCRIPT, numberOfKeys: 1 },
  storeDeleteIfEquals: { lua: DELETE_IF_EQUALS_SCRIPT, numberOfKeys: 1 },
  storeReplaceIfEquals: { lua: REPLACE_IF_EQUALS_SCRIPT, numberOfKeys: 1 },
  storeIndexAdd: { lua: INDEX_ADD_SCRIPT, numberOfKeys: 1 },
  storeClaim: { lua: CLAIM_SCRIPT },
};

/** The commands ioredis adds for STORE_SCRIPTS. */
export interface StoreScriptCommands {
  /** numberOfKeys varies with the number of rules, so it is passed on each call. */
  storeRateLimit(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
  storeReserveQuota(key: string, limit: number, ttlMs: number): Promise<[number, number]>;
  storeReleaseQuota(key: string): Promise<number>;
  storeDeleteIfEquals(key: string, expected: string): Promise<number>;
  storeReplaceIfEquals(key: string, expected: string, value: string, ttlMs: number): Promise<number>;
  storeIndexAdd(key: string, member: string, score: number, ttlMs: number): Promise<number>;
  /** numberOfKeys varies with the claim, so it is passed on each call. */
  storeClaim(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<[number, number, string?]>;
}
