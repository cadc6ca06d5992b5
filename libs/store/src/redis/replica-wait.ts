import calculateSlot from 'cluster-key-slot';
import { Cluster, type Redis } from 'ioredis';
import { storeUnavailable } from '../errors/store-errors';

/** What `REDIS_WAIT_REPLICAS` asks: how many replicas must hold a write, and how long to wait for them. */
export interface ReplicaWait {
  replicas: number;
  timeoutMs: number;
}

/** Fewer replicas than asked acknowledged a write in time: it is on the master only, and a failover may lose it. */
export class ReplicasBehindError extends Error {
  override name = 'ReplicasBehindError';

  constructor(
    readonly acknowledged: number,
    readonly wanted: number,
  ) {
    super(`${acknowledged} of ${wanted} replicas acknowledged the write in time`);
  }
}

/**
 * The connection that took the write to `key` (`prefixedKey`: as sent, with REDIS_KEY_PREFIX). WAIT
 * counts the writes of its own connection, so in a cluster it must run on the node that owns the key,
 * through the pool's connection to it: the one ioredis sent the write on.
 */
function connectionOf(client: Redis | Cluster, prefixedKey: string): Redis | undefined {
  if (!(client instanceof Cluster)) return client;
  const owner = client.slots[calculateSlot(prefixedKey)]?.[0];
  return client.nodes('master').find((node) => `${node.options.host}:${node.options.port}` === owner);
}

/**
 * `WAIT replicas timeoutMs` after a write, on the write's connection. Redis answers once that many
 * replicas acknowledged every write the master had executed when the connection's last write ran
 * (replication is one ordered stream), so it also covers what the caller awaited before, on any
 * connection. Fewer in time rejects with the store's 503: the caller must not acknowledge.
 */
export async function waitForReplicas(client: Redis | Cluster, prefixedKey: string, wait: ReplicaWait): Promise<void> {
  const connection = connectionOf(client, prefixedKey);
  // Slots moving under us (a resharding or a cluster failover): we cannot tell where the write went.
  if (!connection) throw storeUnavailable(new ReplicasBehindError(0, wait.replicas));
  let acknowledged: number;
  try {
    acknowledged = Number(await connection.call('WAIT', wait.replicas, wait.timeoutMs));
  } catch (error) {
    throw storeUnavailable(error);
  }
  if (acknowledged < wait.replicas) throw storeUnavailable(new ReplicasBehindError(acknowledged, wait.replicas));
}
