import { type RedisCluster, type RedisServer, startRedisCluster, startRedisServer } from '@app/testing';
import { FIXTURE_ENV, ProtectionFixtureModule } from './support/protection-fixture.module';
import { startTestApp, TEST_CACHE_KEY, type TestApp } from './support/test-app';

const ROUTE = '/test-protection/credentials';

const post = (app: TestApp, user: string, key?: string) =>
  fetch(`${app.url}${ROUTE}`, {
    method: 'POST',
    headers: { ...app.bearer(user), 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: '{}',
  });

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('When Redis goes away and comes back', () => {
  let redis: RedisServer;
  let sut: TestApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    sut = await startTestApp({
      redis: true,
      imports: [ProtectionFixtureModule],
      env: { ...FIXTURE_ENV, REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '200' },
    });
  });
  afterAll(async () => {
    await sut.close();
    await redis.stop();
  });

  it('answers 503 STORE_UNAVAILABLE fast, reports not ready, issues nothing, and recovers by itself', async () => {
    expect((await post(sut, 'outage-alice')).status).toBe(201);

    await redis.stop();
    const started = Date.now();
    const during = await post(sut, 'outage-alice');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('1');
    expect((await during.json()).code).toBe('STORE_UNAVAILABLE');
    expect((await fetch(`${sut.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${sut.url}/healthz`)).status).toBe(200);

    await redis.start();
    expect(await eventually(async () => (await fetch(`${sut.url}/readyz`)).status === 200, 8000)).toBe(true);
    expect((await post(sut, 'outage-alice')).status).toBe(201);
    const metrics = await (await fetch(`${sut.url}/metrics`)).text();
    expect(metrics).toMatch(/upload_bff_store_errors_total [1-9]/);
  });
});

describe('Two instances on one Redis', () => {
  /** Two apps sharing one Redis and one key prefix, as replicas behind a load balancer. */
  async function pair(env: Record<string, string>): Promise<[TestApp, TestApp, () => Promise<void>]> {
    const shared = { REDIS_KEY_PREFIX: `pair${Math.floor(Math.random() * 1e9)}:`, ...env };
    const first = await startTestApp({ redis: true, imports: [ProtectionFixtureModule], env: { ...FIXTURE_ENV, ...shared } });
    const second = await startTestApp({ redis: true, imports: [ProtectionFixtureModule], env: { ...FIXTURE_ENV, ...shared } });
    return [first, second, async () => void (await Promise.all([first.close(), second.close()]))];
  }

  it('share one per-user rate limit', async () => {
    const [first, second, close] = await pair({ RATE_LIMIT_TENCENT_VOD_SIGNATURE: 'user:3/1m,ip:1000/1m' });
    try {
      const statuses = [];
      for (const app of [first, second, first, second]) statuses.push((await post(app, 'multi-rl')).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    } finally {
      await close();
    }
  });

  it('share one daily quota', async () => {
    const [first, second, close] = await pair({ DAILY_QUOTA_TENCENT_VOD_SIGNATURE: '2' });
    try {
      const statuses = [(await post(first, 'multi-quota')).status, (await post(second, 'multi-quota')).status];
      const refused = await post(first, 'multi-quota');
      expect([...statuses, refused.status]).toEqual([201, 201, 429]);
      expect((await refused.json()).code).toBe('QUOTA_EXCEEDED');
    } finally {
      await close();
    }
  });

  it('share idempotency keys: a replay on the other instance returns the same credential', async () => {
    const [first, second, close] = await pair({});
    try {
      const original = await (await post(first, 'multi-idem', 'multi-key-1')).json();
      const replay = await post(second, 'multi-idem', 'multi-key-1');
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await replay.json()).toEqual(original);
    } finally {
      await close();
    }
  });
});

describe('On a 3-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let sut: TestApp;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    sut = await startTestApp({
      imports: [ProtectionFixtureModule],
      env: {
        ...FIXTURE_ENV,
        REDIS_CLUSTER_NODES: cluster.nodes.map((node) => `${node.host}:${node.port}`).join(','),
        CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
        RATE_LIMIT_TENCENT_VOD_SIGNATURE: 'user:2/1m,ip:100/1m',
      },
    });
  }, 30_000);
  afterAll(async () => {
    await sut?.close();
    await cluster?.stop();
  });

  it('runs every protection script: rate limit, quota, idempotency, upstream budget', async () => {
    const first = await post(sut, 'cluster-alice', 'cluster-key');
    expect(first.status).toBe(201);
    const replay = await post(sut, 'cluster-alice', 'cluster-key');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // The replay passed the rate limit too: the user's 2 per minute are spent.
    expect((await post(sut, 'cluster-alice')).status).toBe(429);
    for (const user of ['cluster-bob', 'cluster-carol', 'cluster-dave']) expect((await post(sut, user)).status).toBe(201);
  });
});
