export * from './store';
export * from './store.types';
export { CrossSlotKeysError } from './errors/cross-slot-keys.error';
export { storeUnavailable } from './errors/store-unavailable';
export { createStore, type CreateStoreOptions } from './factory/create-store';
export { MemoryStore, type MemoryStoreOptions } from './memory/memory-store';
export { RedisStore, type RedisStoreOptions } from './redis/redis-store';
export type { StoreLogger } from './redis/connection-log';
export { StoreModule } from './nest/store.module';
