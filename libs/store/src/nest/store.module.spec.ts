import { type AppConfig, ConfigModule, type StoreConfig } from '@app/config';
import { Test } from '@nestjs/testing';
import { freePort, type RedisServer, startRedisServer } from '@app/testing';
import { createStore } from '../factory/create-store';
import { MemoryStore } from '../memory/memory-store';
import { RedisStore } from '../redis/redis-store';
import { SealedRecords } from '../sealing/sealed-records';
import { Store } from '../store';
import { CapturingLogger, expectUnavailable, standaloneConfig } from '../testing/store-test-helpers';
import { StoreModule } from './store.module';

async function bootModule(store: StoreConfig, logger = new CapturingLogger()) {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ store, protection: { encryptionKeys: [] } } as unknown as AppConfig), StoreModule.forRoot({ logger })],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('createStore', () => {
  it('builds the implementation the configuration names', async () => {
    const memory = createStore({ kind: 'memory', keyPrefix: 'x:' });
    const redis = createStore(standaloneConfig(`redis://127.0.0.1:${await freePort()}`), { logger: new CapturingLogger() });
    expect(memory).toBeInstanceOf(MemoryStore);
    expect(redis).toBeInstanceOf(RedisStore);
    await Promise.all([memory.close(), redis.close()]);
  });
});

describe('StoreModule', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.stop());

  it('provides the memory store when no Redis is configured, and closes it on shutdown', async () => {
    const moduleRef = await bootModule({ kind: 'memory', keyPrefix: 'x:' });
    const store = moduleRef.get(Store);
    expect(store.kind).toBe('memory');
    await store.set('k', 'v', 1_000);
    const sealed = moduleRef.get(SealedRecords);
    await sealed.set('sealed', { secretKey: 'never-in-clear' }, 1_000);
    expect(await store.get('sealed')).not.toContain('never-in-clear');
    expect(await sealed.get('sealed')).toEqual({ secretKey: 'never-in-clear' });
    await moduleRef.close();
    await expectUnavailable(store.get('k'));
  });

  it('provides a Redis store that is connected by the time the application starts', async () => {
    const moduleRef = await bootModule(standaloneConfig(server.url));
    const store = moduleRef.get(Store);
    expect(store.kind).toBe('redis');
    expect(store.isReady()).toBe(true);
    await moduleRef.close();
    expect(store.isReady()).toBe(false);
    await expectUnavailable(store.ping());
  });

  it('starts anyway, with a warning, when Redis is down at boot', async () => {
    const logger = new CapturingLogger();
    const moduleRef = await bootModule(standaloneConfig(`redis://127.0.0.1:${await freePort()}`, { connectTimeoutMs: 200 }), logger);
    const store = moduleRef.get(Store);
    expect(store.isReady()).toBe(false);
    expect(logger.lines).toContain('warn: store not reachable at boot; continuing');
    await moduleRef.close();
  });
});
