import { Redis } from 'ioredis';
import { type RedisServer, startRedisSentinel, startRedisServer } from '@app/testing';
import { CapturingLogger, standaloneConfig } from '../testing/store-test-helpers';
import { reconnectDelay } from './redis-client';
import { RedisStore } from './redis-store';

/** What only Redis can show: the keys as stored, the script cache, Sentinel. */
describe('RedisStore on a throwaway redis-server', () => {
  let server: RedisServer;
  let inspector: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    inspector = new Redis(server.url, { maxRetriesPerRequest: 0 });
  });

  afterAll(async () => {
    inspector.disconnect();
    await server.stop();
  });

  async function openStore(keyPrefix: string): Promise<RedisStore> {
    const store = new RedisStore(standaloneConfig(server.url, { keyPrefix }), { logger: new CapturingLogger() });
    expect(await store.waitUntilReady(2_000)).toBe(true);
    return store;
  }

  it('prefixes every key and gives every key a TTL no longer than it needs', async () => {
    const store = await openStore('ttl-check:');
    try {
      await store.set('plain', 'v', 5_000);
      await store.setIfAbsent('lock', 'v', 6_000);
      await store.rateLimit([
        { key: 'rl:a', limit: 10, periodMs: 7_000 },
        { key: 'rl:b', limit: 2, periodMs: 1_000 },
      ]);
      await store.reserveQuota('quota', 5, 8_000);
      await store.takeToken('bucket', 4, 2);

      const keys = (await inspector.keys('*')).filter((key) => key.startsWith('ttl-check:')).sort();
      expect(keys).toEqual([
        'ttl-check:bucket',
        'ttl-check:lock',
        'ttl-check:plain',
        'ttl-check:quota',
        'ttl-check:rl:a',
        'ttl-check:rl:b',
      ]);
      const ttl = async (key: string) => inspector.pttl(`ttl-check:${key}`);
      // A GCRA key lives until its bucket is full again: one emission interval after one call.
      expect(await ttl('rl:a')).toBeLessThanOrEqual(700);
      expect(await ttl('rl:b')).toBeLessThanOrEqual(500);
      expect(await ttl('bucket')).toBeLessThanOrEqual(250);
      expect(await ttl('plain')).toBeLessThanOrEqual(5_000);
      expect(await ttl('lock')).toBeLessThanOrEqual(6_000);
      expect(await ttl('quota')).toBeLessThanOrEqual(8_000);
      // Every key expires: -1 is a key without a TTL (a short-lived one may already be gone, -2, on a busy machine).
      for (const key of keys) expect(await inspector.pttl(key)).not.toBe(-1);
    } finally {
      await store.close();
    }
  });

  it('sends each script body once per connection, then only its SHA', async () => {
    await inspector.config('RESETSTAT');
    const store = await openStore('sha-check:');
    try {
      for (let i = 0; i < 10; i++) await store.rateLimit([{ key: `rl`, limit: 100, periodMs: 1_000 }]);
      const stats = await inspector.info('commandstats');
      const calls = (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
      expect(calls('eval')).toBe(1);
      expect(calls('evalsha')).toBe(9);
    } finally {
      await store.close();
    }
  });

  it('reconnects with a capped backoff that never gives up', () => {
    const delays = [1, 2, 5, 10, 100, 10_000].map(reconnectDelay);
    for (const delay of delays) {
      expect(typeof delay).toBe('number');
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThan(600);
    }
    expect(delays[0]).toBeLessThan(delays[3]);
  });

  it('finds the master through Sentinel', async () => {
    const sentinel = await startRedisSentinel(server.port, 'store-master');
    const logger = new CapturingLogger();
    const store = new RedisStore(
      {
        mode: 'sentinel',
        sentinels: [{ host: '127.0.0.1', port: sentinel.port }],
        name: 'store-master',
        keyPrefix: 'sentinel:',
        commandTimeoutMs: 500,
        connectTimeoutMs: 1_000,
        tls: false,
      },
      { logger },
    );
    try {
      expect(await store.waitUntilReady(3_000)).toBe(true);
      await store.set('via-sentinel', 'yes', 5_000);
      expect(await inspector.get('sentinel:via-sentinel')).toBe('yes');
      expect(logger.lines).toContain(`log: store connected to redis master "store-master" via sentinels 127.0.0.1:${sentinel.port}`);
    } finally {
      await store.close();
      await sentinel.stop();
    }
  });
});
