// A path, not @app/testing: Jest runs globalSetup outside its module name mapping.
import { type RedisServer, startRedisServer } from '../../libs/testing/src/redis-server';

declare global {
  // Jest runs globalSetup and globalTeardown in the same process: the handle travels on globalThis.
  var __TEST_REDIS__: RedisServer | undefined;
}

/** One throwaway redis-server for the e2e project; workers inherit TEST_REDIS_URL. */
export default async function globalSetup(): Promise<void> {
  const redis = await startRedisServer();
  globalThis.__TEST_REDIS__ = redis;
  process.env.TEST_REDIS_URL = redis.url;
}
