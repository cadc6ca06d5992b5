import type { RedisConfig } from '@app/config';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { STORE_SCRIPTS, type StoreScriptCommands } from './scripts';

export type RedisClient = (Redis | Cluster) & StoreScriptCommands;

/** Redis is back at most this long before we notice: reconnecting is one cheap SYN, so a short cap is no storm. */
const MAX_RECONNECT_DELAY_MS = 500;

/** Capped exponential backoff with jitter. It never returns null: the store recovers on its own. */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(attempt - 1, 10)) + Math.floor(Math.random() * 50);
}

/** True once `client` is ready (at once when it is), false after `timeoutMs`: a client between two reconnects is not. */
export function readyWithin(client: Redis | Cluster, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    client.once('ready', onReady);
  });
}

/**
 * A connection that sends WAIT must let it block up to its timeout: else ioredis would time the
 * command out, and the socket timeout drop the connection, before Redis answers how many replicas have it.
 */
function waitingTimeoutMs(config: RedisConfig, waits: boolean): number {
  return config.commandTimeoutMs + (waits && config.replicaWait ? config.replicaWait.timeoutMs : 0);
}

function connectionOptions(config: RedisConfig, waits = false): RedisOptions {
  return {
    commandTimeout: waitingTimeoutMs(config, waits),
    connectTimeout: config.connectTimeoutMs,
    // Fail fast: no retries, and a command lost with its connection is not replayed later, since
    // replaying a quota reservation the caller already saw fail would count it twice.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // A connection that stops answering (a stalled or partitioned Redis) is dropped and reconnected:
    // else it stays "ready" and every call waits out its timeout, for as long as the stall lasts.
    socketTimeout: waitingTimeoutMs(config, waits),
    // ioredis arms this timer on disconnect even when the socket is already gone; its 2 s default
    // would hold a shutting-down process open that long.
    disconnectTimeout: config.commandTimeoutMs,
    ...(config.username !== undefined && { username: config.username }),
    ...(config.password !== undefined && { password: config.password }),
    ...(config.tls && { tls: {} }),
  };
}

/**
 * One ioredis client for any of the three deployment modes, with our scripts registered. `waits`:
 * a connection for writes followed by WAIT (REDIS_WAIT_REPLICAS), with room for it in its timeouts.
 */
export function createRedisClient(config: RedisConfig, waits = false): RedisClient {
  // Without a connection, commands fail at once instead of queueing until Redis returns. No autopipelining:
  // with it, V8 promoted three times as many bytes to the old generation under load, most of them ioredis's
  // command objects, and the peak RSS was 50 to 120 MB higher at the same CPU per request (bench/FINDINGS.md,
  // issue 23, fourth pass). Each command is one write of its own.
  // No keyPrefix either: RedisStore puts REDIS_KEY_PREFIX before its keys itself (see there).
  const shared = { scripts: STORE_SCRIPTS, enableOfflineQueue: false, enableAutoPipelining: false };
  switch (config.mode) {
    case 'cluster':
      return new Cluster(config.nodes, {
        ...shared,
        clusterRetryStrategy: reconnectDelay,
        redisOptions: connectionOptions(config, waits),
      }) as RedisClient;
    case 'sentinel':
      return new Redis({
        ...shared,
        ...connectionOptions(config, waits),
        retryStrategy: reconnectDelay,
        sentinels: config.sentinels,
        name: config.name,
        ...(config.tls && { enableTLSForSentinelMode: true, sentinelTLS: {} }),
      }) as RedisClient;
    case 'standalone':
      return new Redis(config.url, { ...shared, ...connectionOptions(config, waits), retryStrategy: reconnectDelay }) as RedisClient;
  }
}

/**
 * A connection for a library that names its own keys and loads its own scripts (BullMQ), from the
 * same settings as the store's: no key prefix, no scripts of ours. `fail-fast` behaves like the
 * store's connection (no offline queue, a command timeout): for calls made while a request waits.
 * `background` waits out an outage instead (offline queue, no command timeout, no retry limit),
 * as a blocking queue consumer needs; a command cut by a dropped connection (a stall past the
 * socket timeout) is sent again after the reconnect, since dropping it would leave BullMQ's worker
 * waiting for its reply forever (no more deliveries, and a close that never ends). The fail-fast
 * connection leaves room in its timeouts for the WAIT that follows a queued event (REDIS_WAIT_REPLICAS).
 */
export function createPlainRedisConnection(config: RedisConfig, behaviour: 'fail-fast' | 'background'): Redis | Cluster {
  const base = connectionOptions(config, behaviour === 'fail-fast');
  const options: RedisOptions =
    behaviour === 'fail-fast'
      ? { ...base, enableOfflineQueue: false }
      : { ...base, commandTimeout: undefined, maxRetriesPerRequest: null, enableOfflineQueue: true, autoResendUnfulfilledCommands: true };
  switch (config.mode) {
    case 'cluster':
      return new Cluster(config.nodes, {
        clusterRetryStrategy: reconnectDelay,
        enableOfflineQueue: options.enableOfflineQueue,
        redisOptions: options,
      });
    case 'sentinel':
      return new Redis({
        ...options,
        retryStrategy: reconnectDelay,
        sentinels: config.sentinels,
        name: config.name,
        ...(config.tls && { enableTLSForSentinelMode: true, sentinelTLS: {} }),
      });
    case 'standalone':
      return new Redis(config.url, { ...options, retryStrategy: reconnectDelay });
  }
}
