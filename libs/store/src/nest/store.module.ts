import { ConfigService } from '@app/config';
import { type DynamicModule, Global, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createStore, type CreateStoreOptions } from '../factory/create-store';
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

/** Provides `Store` everywhere, built from `config.store`, and closes it on shutdown. */
@Global()
@Module({})
export class StoreModule implements OnApplicationShutdown {
  constructor(private readonly store: Store) {}

  static forRoot(options: CreateStoreOptions = {}): DynamicModule {
    return {
      module: StoreModule,
      providers: [{ provide: Store, inject: [ConfigService], useFactory: (config: ConfigService) => buildStore(config, options) }],
      exports: [Store],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
