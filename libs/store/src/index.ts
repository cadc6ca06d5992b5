export * from './store';
export * from './store.types';
export { CrossSlotKeysError, storeUnavailable } from './errors/store-errors';
export { createStore, type CreateStoreOptions } from './factory/create-store';
export { MemoryStore, type MemoryStoreOptions } from './memory/memory-store';
export { RedisStore, type RedisStoreOptions } from './redis/redis-store';
export type { StoreLogger } from './redis/connection-log';
export { StoreModule } from './nest/store.module';
