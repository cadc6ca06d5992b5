import calculateSlot from 'cluster-key-slot';
import { Redis } from 'ioredis';
import { type RedisCluster, startRedisCluster } from '@app/testing';
import { CrossSlotKeysError } from '../errors/store-errors';
import { CapturingLogger } from '../testing/store-test-helpers';
import { RedisStore } from './redis-store';

// No skipping: if redis-server cannot form a cluster, beforeAll throws and every test fails.
describe('RedisStore on a 3-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let store: RedisStore;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    store = new RedisStore(
      { mode: 'cluster', nodes: cluster.nodes, keyPrefix: 'ucb:', commandTimeoutMs: 500, connectTimeoutMs: 1_000, tls: false },
      { logger: new CapturingLogger() },
    );
    expect(await store.waitUntilReady(5_000)).toBe(true);
  }, 30_000);

  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  });

  const tags = ['{rl:alice}', '{rl:bob}', '{rl:carol}', '{rl:dave}', '{rl:erin}'];

  it.each(tags)('rate-limits across several rules sharing the hash tag %s', async (tag) => {
    const rules = [
      { key: `${tag}:user`, limit: 3, periodMs: 60_000 },
      { key: `${tag}:ip`, limit: 10, periodMs: 60_000 },
    ];
    const allowed = [];
    for (let i = 0; i < 4; i++) allowed.push((await store.rateLimit(rules)).allowed);
    expect(allowed).toEqual([true, true, true, false]);
    const refused = await store.rateLimit(rules);
    expect(refused.retryAfterMs).toBeGreaterThan(19_000);
    expect(refused.rules.map((rule) => rule.remaining)).toEqual([0, 7]);
  });

  it.each(tags)('reserves and releases quota under %s', async (tag) => {
    expect(await store.reserveQuota(`${tag}:quota`, 2, 60_000)).toEqual({ allowed: true, used: 1 });
    expect(await store.reserveQuota(`${tag}:quota`, 2, 60_000)).toEqual({ allowed: true, used: 2 });
    expect(await store.reserveQuota(`${tag}:quota`, 2, 60_000)).toEqual({ allowed: false, used: 2 });
    await store.releaseQuota(`${tag}:quota`);
    expect(await store.reserveQuota(`${tag}:quota`, 2, 60_000)).toEqual({ allowed: true, used: 2 });
  });

  it.each(tags)('takes tokens and releases locks under %s', async (tag) => {
    const grants = [];
    for (let i = 0; i < 3; i++) grants.push(await store.takeToken(`${tag}:qps`, 1, 2));
    expect(grants.map((grant) => grant.allowed)).toEqual([true, true, false]);
    expect(grants[2].waitMs).toBeGreaterThan(900);

    expect(await store.setIfAbsent(`${tag}:lock`, 'me', 10_000)).toBe(true);
    expect(await store.deleteIfEquals(`${tag}:lock`, 'someone-else')).toBe(false);
    expect(await store.deleteIfEquals(`${tag}:lock`, 'me')).toBe(true);
  });

  it('fails loudly, spending nothing, when the keys of one call hash to different slots', async () => {
    const rules = [
      { key: 'user:alice', limit: 1, periodMs: 60_000 },
      { key: 'ip:10.0.0.1', limit: 1, periodMs: 60_000 },
    ];
    expect(calculateSlot('ucb:user:alice')).not.toBe(calculateSlot('ucb:ip:10.0.0.1'));
    await expect(store.rateLimit(rules)).rejects.toThrow(CrossSlotKeysError);
    await expect(store.rateLimit(rules)).rejects.toThrow(/same hash tag/);
    expect((await store.rateLimit([rules[0]])).allowed).toBe(true);
    expect((await store.rateLimit([rules[1]])).allowed).toBe(true);
  });

  it('ran the scripts on more than one master (each had to load them)', async () => {
    const keysPerNode = await Promise.all(
      cluster.nodes.map(async ({ host, port }) => {
        const node = new Redis(port, host, { maxRetriesPerRequest: 0 });
        try {
          return (await node.keys('ucb:{rl:*')).length;
        } finally {
          node.disconnect();
        }
      }),
    );
    expect(keysPerNode.filter((count) => count > 0).length).toBeGreaterThan(1);
  });

  it('reports persistence on only when every master has it', async () => {
    expect(await store.persistence()).toMatchObject({ appendOnly: false, snapshots: false });
    const [first, ...others] = cluster.nodes.map(({ host, port }) => new Redis(port, host, { maxRetriesPerRequest: 0 }));
    try {
      await first.config('SET', 'appendonly', 'yes');
      expect(await store.persistence()).toMatchObject({ appendOnly: false });
      for (const node of others) await node.config('SET', 'appendonly', 'yes');
      expect(await store.persistence()).toMatchObject({ appendOnly: true, appendFsync: 'everysec', snapshots: false });
    } finally {
      for (const node of [first, ...others]) node.disconnect();
    }
  });
});
