import type { StoreConfig } from '@app/config';
import { MemoryStore, type MemoryStoreOptions } from '../memory/memory-store';
import { RedisStore, type RedisStoreOptions } from '../redis/redis-store';
import type { Store } from '../store';

export type CreateStoreOptions = MemoryStoreOptions & RedisStoreOptions;

/** The store the configuration asks for; usable without Nest (scripts, tests). */
export function createStore(config: StoreConfig, options: CreateStoreOptions = {}): Store {
  if (config.kind === 'memory') return new MemoryStore(config.keyPrefix, options);
  // The memory-only options (clock, sweep) do not apply: Redis keeps its own time.
  return new RedisStore(config, { logger: options.logger });
}
