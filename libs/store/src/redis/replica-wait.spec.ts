import { Redis } from 'ioredis';
import { type RedisServer, startRedisServer } from '@app/testing';
import { MemoryStore } from '../memory/memory-store';
import { CapturingLogger, eventually, expectUnavailable, standaloneConfig } from '../testing/store-test-helpers';
import { RedisStore } from './redis-store';
import { ReplicasBehindError } from './replica-wait';

const WAIT = { replicas: 1, timeoutMs: 300 };

describe('RedisStore.replicated (REDIS_WAIT_REPLICAS)', () => {
  let master: RedisServer;
  let replica: RedisServer;
  let onReplica: Redis;
  let sut: RedisStore;

  beforeEach(async () => {
    // No 5 s pause before the first full sync (Redis' diskless default): the replica is up at once.
    master = await startRedisServer({ args: ['--repl-diskless-sync-delay', '0'] });
    replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
    onReplica = new Redis(replica.url, { maxRetriesPerRequest: 0, lazyConnect: true });
    await eventually(async () => expect(await onReplica.info('replication')).toMatch(/master_link_status:up/), 10_000);
    sut = new RedisStore(standaloneConfig(master.url, { replicaWait: WAIT }), { logger: new CapturingLogger() });
    expect(await sut.waitUntilReady(10_000)).toBe(true);
  });

  afterEach(async () => {
    onReplica.disconnect();
    await sut.close();
    await Promise.all([replica.stop(), master.stop()]);
  });

  it('resolves a write once the replica holds it', async () => {
    // A patient WAIT: on a busy machine the replica may take longer than the 300 ms the refusal test uses.
    const patient = new RedisStore(standaloneConfig(master.url, { replicaWait: { replicas: 1, timeoutMs: 10_000 } }), {
      logger: new CapturingLogger(),
    });
    try {
      expect(await patient.waitUntilReady(5_000)).toBe(true);
      expect(patient.waitsForReplicas).toBe(true);
      await patient.replicated.set('record', 'kept', 10_000);
      expect(await patient.replicated.setIfAbsent('lock', 'mine', 10_000)).toBe(true);
      await patient.replicated.indexAdd('index', 'member', 1, 10_000);
      // Read at once, without waiting for replication: WAIT already did.
      expect(await onReplica.mget('test:record', 'test:lock')).toEqual(['kept', 'mine']);
      expect(await onReplica.zscore('test:index', 'member')).toBe('1');
    } finally {
      await patient.close();
    }
  });

  it('rejects with the store’s 503 when no replica acknowledges in time, and keeps the main connection free', async () => {
    await replica.stop();
    const started = performance.now();
    const pending = sut.replicated.set('record', 'master only', 10_000);
    // The main store answers while the replicated connection is blocked in WAIT.
    await sut.set('limit', 'v', 10_000);
    expect(await sut.get('limit')).toBe('v');
    const error = await expectUnavailable(pending);
    expect(error.cause).toBeInstanceOf(ReplicasBehindError);
    expect(error.cause).toMatchObject({ acknowledged: 0, wanted: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(WAIT.timeoutMs - 10);
    // The write itself happened on the master: only its acknowledgment is refused.
    expect(await sut.get('record')).toBe('master only');
  });

  it('does not wait without REDIS_WAIT_REPLICAS, nor in memory', async () => {
    const plain = new RedisStore(standaloneConfig(master.url), { logger: new CapturingLogger() });
    const memory = new MemoryStore('test:');
    try {
      expect([plain.replicated, plain.waitsForReplicas]).toEqual([plain, false]);
      expect([memory.replicated, memory.waitsForReplicas]).toEqual([memory, false]);
    } finally {
      await Promise.all([plain.close(), memory.close()]);
    }
  });
});
