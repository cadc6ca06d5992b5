import { Redis } from 'ioredis';
import { type RedisServer, startRedisSentinel, startRedisServer } from '@app/testing';
import { until } from './until';

export const MASTER_NAME = 'uploads';
/** No 5 s pause before a replica's first full sync (Redis' diskless default). */
const SYNC_AT_ONCE = ['--repl-diskless-sync-delay', '0'];

/** One question to a Redis or a Sentinel on its own short-lived connection. */
async function ask(port: number, ...args: (string | number)[]): Promise<unknown> {
  const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 0, lazyConnect: true, connectTimeout: 1_000 });
  try {
    return await client.call(String(args[0]), ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

/**
 * A master, two replicas and three Sentinels (quorum 2), every one a real process on its own port and
 * scratch directory. Two replicas: with REDIS_WAIT_REPLICAS=1, the one promoted needs another to acknowledge.
 */
export class SentinelTopology {
  private constructor(
    readonly master: RedisServer,
    readonly replicas: RedisServer[],
    readonly sentinels: RedisServer[],
  ) {}

  static async start(): Promise<SentinelTopology> {
    const started: RedisServer[] = [];
    try {
      const master = await startRedisServer({ args: SYNC_AT_ONCE });
      started.push(master);
      const replicaOf = ['--replicaof', '127.0.0.1', String(master.port), ...SYNC_AT_ONCE];
      const replicas = await Promise.all([1, 2].map(() => startRedisServer({ args: replicaOf })));
      started.push(...replicas);
      const options = { quorum: 2, downAfterMs: 1_000, failoverTimeoutMs: 4_000 };
      const sentinels = await Promise.all([1, 2, 3].map(() => startRedisSentinel(master.port, MASTER_NAME, options)));
      started.push(...sentinels);
      const topology = new SentinelTopology(master, replicas, sentinels);
      await topology.settled();
      return topology;
    } catch (error) {
      await Promise.all(started.map((server) => server.stop()));
      throw error;
    }
  }

  get sentinelList(): string {
    return this.sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`).join(',');
  }

  /** The master's port as the first Sentinel that answers says. */
  async masterPort(): Promise<number | undefined> {
    for (const sentinel of this.sentinels) {
      const answer = await ask(sentinel.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER_NAME).catch(() => undefined);
      if (Array.isArray(answer)) return Number(answer[1]);
    }
    return undefined;
  }

  /** Both replicas in sync, and every Sentinel knows both replicas and the two other Sentinels. */
  private async settled(): Promise<void> {
    const linked = async (replica: RedisServer) => /master_link_status:up/.test(String(await ask(replica.port, 'INFO', 'replication')));
    await until(async () => (await Promise.all(this.replicas.map(linked))).every(Boolean), 20_000, 'both replicas to sync');
    const knows = async (sentinel: RedisServer) => {
      const replicas = (await ask(sentinel.port, 'SENTINEL', 'REPLICAS', MASTER_NAME)) as unknown[];
      const others = (await ask(sentinel.port, 'SENTINEL', 'SENTINELS', MASTER_NAME)) as unknown[];
      return replicas.length === 2 && others.length === 2;
    };
    await until(async () => (await Promise.all(this.sentinels.map(knows))).every(Boolean), 30_000, 'the Sentinels to know each other');
  }

  /** Resolves with the time the Sentinels named a new master. */
  async promotion(timeoutMs: number): Promise<number> {
    await until(
      async () => {
        const port = await this.masterPort();
        return port !== undefined && port !== this.master.port;
      },
      timeoutMs,
      'a replica to be promoted',
    );
    return Date.now();
  }

  async stop(): Promise<void> {
    await Promise.all([this.master, ...this.replicas, ...this.sentinels].map((server) => server.stop()));
  }
}
