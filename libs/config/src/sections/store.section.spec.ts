import { configProblems, testKey } from '@app/testing';
import { loadConfig } from '../load-config';
import { buildStore } from './store.section';

const REDIS = { REDIS_URL: 'redis://cache.internal:6379', CACHE_ENCRYPTION_KEY: testKey(5) };

describe(buildStore.name, () => {
  it('waits for no replica by default', () => {
    expect(loadConfig(REDIS).store).not.toHaveProperty('replicaWait');
    expect(loadConfig({ ...REDIS, REDIS_WAIT_REPLICAS: '0' }).store).not.toHaveProperty('replicaWait');
  });

  it('waits for REDIS_WAIT_REPLICAS replicas, 1 s by default or REDIS_WAIT_TIMEOUT_MS', () => {
    expect(loadConfig({ ...REDIS, REDIS_WAIT_REPLICAS: '1' }).store).toMatchObject({ replicaWait: { replicas: 1, timeoutMs: 1_000 } });
    const sentinel = { REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'mymaster', CACHE_ENCRYPTION_KEY: testKey(5) };
    expect(loadConfig({ ...sentinel, REDIS_WAIT_REPLICAS: '2', REDIS_WAIT_TIMEOUT_MS: '250' }).store).toMatchObject({
      mode: 'sentinel',
      replicaWait: { replicas: 2, timeoutMs: 250 },
    });
  });

  it('refuses a negative or fractional count and an unbounded wait, naming the variables', () => {
    expect(configProblems({ ...REDIS, REDIS_WAIT_REPLICAS: '-1' })).toMatch(/REDIS_WAIT_REPLICAS: must be an integer from 0 to 16/);
    expect(configProblems({ ...REDIS, REDIS_WAIT_REPLICAS: '1.5' })).toMatch(/REDIS_WAIT_REPLICAS: must be an integer/);
    expect(configProblems({ ...REDIS, REDIS_WAIT_TIMEOUT_MS: '0' })).toMatch(/REDIS_WAIT_TIMEOUT_MS: must be an integer from 10 to 10000/);
  });
});
