import { Redis } from 'ioredis';
import { type RedisServer, startRedisServer } from '@app/testing';
import { MemoryStore } from '../memory/memory-store';
import { CapturingLogger, expectUnavailable, standaloneConfig } from '../testing/store-test-helpers';
import { RedisStore } from './redis-store';

/** Each server as redis-server reads its command line: later arguments win over the helper's `--save '' --appendonly no`. */
const SERVERS = {
  bare: [],
  aof: ['--appendonly', 'yes', '--appendfsync', 'always'],
  rdb: ['--save', '3600 1 300 100'],
  both: ['--appendonly', 'yes', '--save', '900 1'],
};

describe(`${RedisStore.name}.persistence, against redis-server with and without AOF and RDB`, () => {
  const servers: Partial<Record<keyof typeof SERVERS, RedisServer>> = {};
  const stores: RedisStore[] = [];

  beforeAll(async () => {
    for (const [name, args] of Object.entries(SERVERS)) servers[name as keyof typeof SERVERS] = await startRedisServer({ args });
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  });

  async function storeOn(url: string): Promise<RedisStore> {
    const store = new RedisStore(standaloneConfig(url), { logger: new CapturingLogger() });
    stores.push(store);
    expect(await store.waitUntilReady(2_000)).toBe(true);
    return store;
  }

  /** An ACL user of its own on the server, with every command but `refused`. */
  async function userWithout(server: RedisServer, name: string, refused: string[]): Promise<string> {
    const admin = new Redis(server.url, { maxRetriesPerRequest: 0 });
    try {
      await admin.call(
        'ACL',
        'SETUSER',
        name,
        'reset',
        'on',
        '>pass-0123456789',
        '~*',
        '&*',
        '+@all',
        ...refused.map((command) => `-${command}`),
      );
    } finally {
      admin.disconnect();
    }
    return server.url.replace('redis://', `redis://${name}:pass-0123456789@`);
  }

  it.each([
    ['bare', { appendOnly: false, appendFsync: 'everysec', snapshots: false }],
    ['aof', { appendOnly: true, appendFsync: 'always', snapshots: false }],
    ['rdb', { appendOnly: false, appendFsync: 'everysec', snapshots: true }],
    ['both', { appendOnly: true, appendFsync: 'everysec', snapshots: true }],
  ] as const)('reads the configuration of a server started %s', async (name, expected) => {
    const store = await storeOn(servers[name]!.url);
    expect(await store.persistence()).toEqual(expected);
  });

  it('falls back to INFO persistence when CONFIG is refused: AOF known, snapshots not', async () => {
    const withAof = await storeOn(await userWithout(servers.aof!, 'no-config', ['config']));
    expect(await withAof.persistence()).toEqual({ appendOnly: true, snapshots: undefined });
    const without = await storeOn(await userWithout(servers.bare!, 'no-config', ['config']));
    expect(await without.persistence()).toEqual({ appendOnly: false, snapshots: undefined });
  });

  it('answers "unknown" rather than failing when both CONFIG and INFO are refused', async () => {
    // ioredis says on the console that it skips its INFO ready check for such a user.
    const console = jest.spyOn(global.console, 'warn').mockImplementation(() => undefined);
    const store = await storeOn(await userWithout(servers.aof!, 'no-config-no-info', ['config', 'info']));
    console.mockRestore();
    expect(await store.persistence()).toEqual({ appendOnly: undefined, snapshots: undefined });
    // The user can still do its work: the refusal was about persistence only.
    await store.set('still-works', 'yes', 5_000);
    expect(await store.get('still-works')).toBe('yes');
  });

  it('rejects with 503 when the store does not answer, like every other call', async () => {
    const store = await storeOn(servers.bare!.url);
    await store.close();
    await expectUnavailable(store.persistence());
  });
});

describe(`${MemoryStore.name}.persistence`, () => {
  it('says that nothing outlives the process', async () => {
    const store = new MemoryStore('x:');
    expect(await store.persistence()).toEqual({ appendOnly: false, snapshots: false });
    await store.close();
  });
});
