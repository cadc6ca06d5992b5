import Redis from 'ioredis';
import { FIXTURE_ENV, ProtectionFixtureModule, fixtureCalls } from './support/protection-fixture.module';
import { startTestApp, type TestApp } from './support/test-app';
import { until } from './support/until';

const ROUTE = '/test-protection/credentials';

function post(app: TestApp, user: string, options: { body?: object; key?: string; query?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${app.url}${ROUTE}${options.query ?? ''}`, {
    method: 'POST',
    headers: {
      ...app.bearer(user),
      'content-type': 'application/json',
      ...(options.key ? { 'idempotency-key': options.key } : {}),
      ...options.headers,
    },
    body: JSON.stringify(options.body ?? {}),
  });
}

async function problemCode(response: Response): Promise<string> {
  return ((await response.json()) as { code: string }).code;
}

describe('Rate limits', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({
      redis: true,
      imports: [ProtectionFixtureModule],
      env: { ...FIXTURE_ENV, RATE_LIMIT_TENCENT_VOD_SIGNATURE: 'user:3/1m,ip:5/1m' },
    });
  });
  afterAll(() => sut.close());

  it('admits the burst, then answers 429 with Retry-After and RateLimit headers; other users are unaffected', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await post(sut, 'rl-alice');
      expect(response.status).toBe(201);
      expect(response.headers.get('ratelimit-policy')).toBe('"user";q=3;w=60, "ip";q=5;w=60');
      expect(response.headers.get('ratelimit')).toMatch(new RegExp(`^"user";r=${2 - i};t=\\d+, "ip";r=\\d+;t=\\d+$`));
    }
    const refused = await post(sut, 'rl-alice');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(refused.headers.get('ratelimit')).toMatch(/^"user";r=0;/);
    const body = await refused.json();
    expect(body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(body.detail).toMatch(/account/);
    expect((await post(sut, 'rl-bob')).status).toBe(201);
  });

  it('limits one client IP across users, ignoring X-Forwarded-For unless TRUST_PROXY says so', async () => {
    // 4 of this IP's 5 were spent above; X-Forwarded-For is not trusted by default.
    expect((await post(sut, 'rl-carol', { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(201);
    const refused = await post(sut, 'rl-dave', { headers: { 'x-forwarded-for': '203.0.113.10' } });
    expect(refused.status).toBe(429);
    expect((await refused.json()).detail).toMatch(/network address/);
  });

  it('counts X-Forwarded-For addresses separately behind a trusted proxy', async () => {
    const proxied = await startTestApp({
      redis: true,
      imports: [ProtectionFixtureModule],
      env: { ...FIXTURE_ENV, TRUST_PROXY: 'true', RATE_LIMIT_TENCENT_VOD_SIGNATURE: 'user:50/1m,ip:2/1m' },
    });
    try {
      const from = (ip: string, user: string) => post(proxied, user, { headers: { 'x-forwarded-for': ip } });
      expect((await from('198.51.100.1', 'u1')).status).toBe(201);
      expect((await from('198.51.100.1', 'u2')).status).toBe(201);
      expect((await from('198.51.100.1', 'u3')).status).toBe(429);
      expect((await from('198.51.100.2', 'u4')).status).toBe(201);
    } finally {
      await proxied.close();
    }
  });
});

describe('Daily quotas', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({
      redis: true,
      imports: [ProtectionFixtureModule],
      env: { ...FIXTURE_ENV, DAILY_QUOTA_TENCENT_VOD_SIGNATURE: '2' },
    });
  });
  afterAll(() => sut.close());

  it('counts only issued credentials and answers 429 QUOTA_EXCEEDED with Retry-After to 00:00 UTC', async () => {
    expect((await post(sut, 'q-alice')).status).toBe(201);
    expect((await post(sut, 'q-alice', { query: '?fail=1' })).status).toBe(503);
    expect((await post(sut, 'q-alice', { body: { name: 7 } })).status).toBe(400);
    expect((await post(sut, 'q-alice')).status).toBe(201);
    const refused = await post(sut, 'q-alice');
    expect(refused.status).toBe(429);
    expect(await problemCode(refused)).toBe('QUOTA_EXCEEDED');
    const midnight = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1);
    const expected = (midnight - Date.now()) / 1000;
    expect(Math.abs(Number(refused.headers.get('retry-after')) - expected)).toBeLessThan(5);
    expect((await post(sut, 'q-bob')).status).toBe(201);
  });

  it('replays an answer once the quota is used up, spending nothing (the key is claimed before the unit)', async () => {
    const first = await post(sut, 'q-carol', { key: 'quota-key-1' });
    expect(first.status).toBe(201);
    expect((await post(sut, 'q-carol')).status).toBe(201);
    expect((await post(sut, 'q-carol', { key: 'quota-key-2' })).status).toBe(429);
    const replay = await post(sut, 'q-carol', { key: 'quota-key-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
  });
});

describe('Upstream budget', () => {
  it('answers 503 UPSTREAM_BUSY with Retry-After once the shared bucket is empty past the bounded wait', async () => {
    const sut = await startTestApp({
      redis: true,
      imports: [ProtectionFixtureModule],
      env: {
        ...FIXTURE_ENV,
        UPSTREAM_BUDGET_TENCENT_VOD_PER_SECOND: '0.5',
        UPSTREAM_BUDGET_MAX_WAIT_MS: '50',
        RATE_LIMIT_DEFAULT: 'user:100/1m,ip:100/1m',
      },
    });
    try {
      const statuses = await Promise.all([1, 2, 3].map((n) => post(sut, `budget-${n}`)));
      expect(statuses.map((response) => response.status).sort()).toEqual([201, 503, 503]);
      const busy = statuses.find((response) => response.status === 503)!;
      expect(await problemCode(busy)).toBe('UPSTREAM_BUSY');
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await sut.close();
    }
  });

  it('waits briefly instead of refusing when a token comes within the bound', async () => {
    const sut = await startTestApp({
      redis: true,
      imports: [ProtectionFixtureModule],
      env: { ...FIXTURE_ENV, UPSTREAM_BUDGET_TENCENT_VOD_PER_SECOND: '20', UPSTREAM_BUDGET_MAX_WAIT_MS: '1000' },
    });
    try {
      // Burst of 5 (a quarter second at 20/s), then one every 50 ms: all ten pass within the wait bound.
      const statuses = await Promise.all(Array.from({ length: 10 }, (_, n) => post(sut, `wait-${n}`)));
      expect(statuses.every((response) => response.status === 201)).toBe(true);
    } finally {
      await sut.close();
    }
  });
});

describe('Idempotency-Key', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ redis: true, imports: [ProtectionFixtureModule], env: FIXTURE_ENV });
  });
  afterAll(() => sut.close());

  it('replays the first response for the same key and body, without a second upstream call', async () => {
    const first = await post(sut, 'i-alice', { key: 'key-0001', body: { name: 'a' } });
    const calls = fixtureCalls.count;
    const again = await post(sut, 'i-alice', { key: 'key-0001', body: { name: 'a' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await again.json()).toEqual(await first.json());
    expect(fixtureCalls.count).toBe(calls);
  });

  it('accepts the key as a structured-field string too', async () => {
    const first = await (await post(sut, 'i-alice', { key: '"quoted-key-1"' })).json();
    const again = await post(sut, 'i-alice', { key: 'quoted-key-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).call).toBe(first.call);
  });

  it('refuses the same key with a different body with 422', async () => {
    await post(sut, 'i-alice', { key: 'key-0002', body: { name: 'a' } });
    const other = await post(sut, 'i-alice', { key: 'key-0002', body: { name: 'b' } });
    expect(other.status).toBe(422);
    expect(await problemCode(other)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 with Retry-After while the first request is in flight', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    const claims = () => redis.keys(`${(sut.config.store as { keyPrefix: string }).keyPrefix}idem:*`);
    const before = (await claims()).length;
    const slow = post(sut, 'i-alice', { key: 'key-0003', query: '?delayMs=400' });
    // Its key is claimed (with its record, before the slow upstream call).
    await until(async () => (await claims()).length > before, 5_000, 'the first request to claim its key').finally(() =>
      redis.disconnect(),
    );
    const duplicate = await post(sut, 'i-alice', { key: 'key-0003', query: '?delayMs=400' });
    expect(duplicate.status).toBe(409);
    expect(await problemCode(duplicate)).toBe('IDEMPOTENCY_IN_FLIGHT');
    expect(duplicate.headers.get('retry-after')).toBe('1');
    expect((await slow).status).toBe(201);
  });

  it('releases the key when the first request fails, so a retry calls upstream again', async () => {
    expect((await post(sut, 'i-alice', { key: 'key-0004', query: '?fail=1' })).status).toBe(503);
    const retry = await post(sut, 'i-alice', { key: 'key-0004', query: '?fail=1' });
    expect(retry.status).toBe(503);
    expect(await problemCode(retry)).toBe('UPSTREAM_UNAVAILABLE');
    const success = await post(sut, 'i-alice', { key: 'key-0005' });
    expect(success.headers.get('idempotent-replayed')).toBeNull();
  });

  it('scopes keys to the user', async () => {
    const alice = await (await post(sut, 'i-alice', { key: 'shared-key' })).json();
    const bob = await post(sut, 'i-bob', { key: 'shared-key' });
    expect(bob.headers.get('idempotent-replayed')).toBeNull();
    expect((await bob.json()).call).not.toBe(alice.call);
  });

  it.each([['a'.repeat(256)], ['has space'], ['tab\tkey']])('refuses the malformed key %j with 400', async (key) => {
    const response = await post(sut, 'i-alice', { key });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].field).toBe('Idempotency-Key');
  });

  it('keeps nothing that could upload in clear in Redis', async () => {
    await post(sut, 'i-carol', { key: 'key-clear-1' });
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const prefix = (sut.config.store as { keyPrefix: string }).keyPrefix;
      const keys = await redis.keys(`${prefix}idem:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const value = (await redis.get(key))!;
        expect(value).toMatch(/^v1\.[0-9a-f]{8}\./);
        expect(value).not.toContain('fixture-secret');
        expect(value).not.toContain('i-carol');
      }
    } finally {
      redis.disconnect();
    }
  });

  it('counts refusals by reason and replays in /metrics', async () => {
    const metrics = await (await fetch(`${sut.url}/metrics`)).text();
    expect(metrics).toMatch(/upload_bff_refusals_total\{reason="idempotency_conflict"\} [1-9]/);
    expect(metrics).toMatch(/upload_bff_refusals_total\{reason="idempotency_mismatch"\} [1-9]/);
    expect(metrics).toMatch(/upload_bff_idempotent_replays_total\{kind="tencent-vod-signature"\} [1-9]/);
  });
});
