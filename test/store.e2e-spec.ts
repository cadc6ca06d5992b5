import { createStore } from '@app/store';
import { Redis } from 'ioredis';

describe('e2e Redis (test/support/global-setup.ts)', () => {
  it('exports TEST_REDIS_URL, pointing at a throwaway server that answers PING', async () => {
    const url = process.env.TEST_REDIS_URL;
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:6379$/);
    const client = new Redis(url!, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      await expect(client.ping()).resolves.toBe('PONG');
    } finally {
      client.disconnect();
    }
  });

  it('serves a RedisStore', async () => {
    const store = createStore({
      kind: 'redis',
      mode: 'standalone',
      url: process.env.TEST_REDIS_URL!,
      keyPrefix: 'e2e:',
      commandTimeoutMs: 500,
      connectTimeoutMs: 1_000,
      tls: false,
    });
    try {
      expect(await store.waitUntilReady(2_000)).toBe(true);
      await store.set('hello', 'world', 10_000);
      expect(await store.get('hello')).toBe('world');
    } finally {
      await store.close();
    }
  });
});
