import { ConfigService } from '@app/config';
import { type DynamicModule, Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { keyId } from '@app/config';
import { createStore, type CreateStoreOptions } from '../factory/create-store';
import { EnvelopeCipher } from '../sealing/envelope-cipher';
import { SealedRecords } from '../sealing/sealed-records';
import { Store } from '../store';

async function buildStore(config: ConfigService, options: CreateStoreOptions): Promise<Store> {
  const store = createStore(config.store, options);
  if (config.store.kind === 'redis') {
    // Give the first connection a chance so early requests do not meet a 503. A Redis that is down
    // at boot does not stop the service: calls fail with 503 until it reconnects by itself.
    const ready = await store.waitUntilReady(config.store.connectTimeoutMs);
    if (!ready) (options.logger ?? new Logger(StoreModule.name)).warn('store not reachable at boot; continuing');
  }
  return store;
}

/**
 * The configured keys; without one (the in-process store only: config requires a key with Redis)
 * a random key that lives and dies with the process, as the data does.
 */
function buildCipher(config: ConfigService): EnvelopeCipher {
  const keys = config.protection.encryptionKeys;
  if (keys.length > 0) return new EnvelopeCipher(keys);
  const key = randomBytes(32);
  return new EnvelopeCipher([{ id: keyId(key), key }]);
}

/**
 * Provides `Store` and `SealedRecords` everywhere, built from `config.store` and the encryption
 * keys, and closes the store on shutdown.
 */
@Global()
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(private readonly store: Store) {}

  static forRoot(options: CreateStoreOptions = {}): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        { provide: Store, inject: [ConfigService], useFactory: (config: ConfigService) => buildStore(config, options) },
        { provide: EnvelopeCipher, inject: [ConfigService], useFactory: buildCipher },
        SealedRecords,
      ],
      exports: [Store, SealedRecords],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
