import fc from 'fast-check';
import Redis from 'ioredis';
import { type FuzzRequest, requestArbitrary, type TokenKit } from './support/fuzz/request-arbitrary';
import { rawRequestArbitrary } from './support/fuzz/raw-arbitrary';
import { rawExchange } from './support/raw-http';
import { startTestApp, TEST_CACHE_KEY, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';
import { claims, signJwt } from './support/tokens';

/** Fixed, so a failure names a case anyone can replay: seed, kind and index. FUZZ_RUNS raises the count. */
const SEED = 20261123;
const TOTAL = Number(process.env.FUZZ_RUNS ?? 5_000);
const RAW_SHARE = 0.12;
const VOD_CALLBACK_KEY = 'FuzzCallbackKey0123456789abcdef';
const IMS_CALLBACK_KEY = 'FuzzImsCallbackKey0123456789abc';
const EVENT_TOKEN = 'fuzz-event-token-0123456789abcdef0123456789';

interface Failure {
  case: string;
  reason: string;
  status?: number;
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

describe(`Fuzzing every route of openapi.json and raw HTTP (seed ${SEED}, ${TOTAL} requests)`, () => {
  jest.setTimeout(600_000);
  let cloud: TestCloud;
  let sut: TestApp;
  let secrets: string[];

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({
      redis: true,
      env: {
        ...cloud.env,
        RATE_LIMIT_DEFAULT: 'user:1000000/1m,ip:1000000/1m',
        UPSTREAM_BUDGET_ALIYUN_VOD_PER_SECOND: '10000',
        UPSTREAM_BUDGET_ALIYUN_ICE_PER_SECOND: '10000',
        UPSTREAM_BUDGET_TENCENT_VOD_PER_SECOND: '10000',
        REQUEST_TIMEOUT_MS: '1000',
        ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: VOD_CALLBACK_KEY,
        ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY: IMS_CALLBACK_KEY,
        TENCENTCLOUD_VOD_EVENT_TOKEN: EVENT_TOKEN,
      },
    });
    secrets = [
      TEST_JWT_SECRET,
      TEST_CACHE_KEY,
      cloud.aliyunKey.secret,
      cloud.tencentKey.secret,
      VOD_CALLBACK_KEY,
      IMS_CALLBACK_KEY,
      EVENT_TOKEN,
    ];
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  /** Our secrets, and the field that would carry Tencent's session key, never leave in a response or a log line. */
  const leaks = (text: string) => [
    ...secrets.filter((secret) => text.includes(secret)),
    ...(/vodsessionkey/i.test(text) ? ['VodSessionKey'] : []),
  ];

  /** Every answer of ours: no 5xx, an error is problem+json carrying the request id of its header. */
  function judge(name: string, status: number, headers: Record<string, string>, body: string, bodiless: boolean): Failure[] {
    const failures: Failure[] = [];
    if (status >= 500) failures.push({ case: name, status, reason: `5xx: ${body.slice(0, 200)}` });
    if (status >= 400) {
      if (!/^application\/problem\+json/.test(headers['content-type'] ?? '')) {
        failures.push({ case: name, status, reason: `not problem+json: ${headers['content-type']} ${body.slice(0, 100)}` });
      } else if (!bodiless) {
        const problem = JSON.parse(body) as { status?: number; code?: unknown; requestId?: unknown };
        if (problem.status !== status || typeof problem.code !== 'string' || problem.requestId !== headers['x-request-id']) {
          failures.push({ case: name, status, reason: `problem does not match its answer: ${body.slice(0, 200)}` });
        }
      }
    }
    const leaked = leaks(JSON.stringify(headers) + body);
    if (leaked.length > 0) failures.push({ case: name, status, reason: `leaks ${leaked.length} secret(s)` });
    return failures;
  }

  it('answers everything without a 5xx, an error log line or a leaked secret, in problem+json, writing only expiring keys', async () => {
    const started = performance.now();
    const tokens: TokenKit = {
      valid: (sub) => signJwt(claims(sub), { alg: 'HS256', secret: TEST_JWT_SECRET }),
      signed: (header, payload) => signJwt(payload, { alg: 'HS256', secret: TEST_JWT_SECRET }, header),
    };
    const rawCount = Math.round(TOTAL * RAW_SHARE);
    const requests = fc.sample(requestArbitrary(tokens), { seed: SEED, numRuns: TOTAL - rawCount });
    const raws = fc.sample(rawRequestArbitrary(tokens.valid('fuzz-raw')), { seed: SEED, numRuns: rawCount });
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    await inParallel(requests, 24, async (request: FuzzRequest, index) => {
      const name = `request #${index}: ${request.method} ${request.path.slice(0, 80)}`;
      try {
        const response = await fetch(`${sut.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body ? new Blob([Buffer.from(request.body)]) : undefined,
          redirect: 'manual',
        });
        const body = await response.text();
        count(response.status);
        failures.push(...judge(name, response.status, Object.fromEntries(response.headers), body, request.method === 'HEAD'));
      } catch (error) {
        failures.push({
          case: name,
          reason: `no answer: ${(error as Error).message} ${(error as { cause?: { message?: string } }).cause?.message ?? ''}`,
        });
      }
    });

    await inParallel(raws, 48, async (payload, index) => {
      const { responses } = await rawExchange(Number(new URL(sut.url).port), payload, { waitMs: 2_500, idleMs: 150 });
      for (const response of responses) {
        count(response.status);
        failures.push(
          ...judge(
            `raw #${index}: ${JSON.stringify(payload.toString('latin1').slice(0, 60))}`,
            response.status,
            response.headers,
            response.body,
            false,
          ),
        );
      }
    });

    // Every key this app wrote expires (the upstream budget buckets live a quarter second).
    const inspector = new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: 0 });
    try {
      const keys = await inspector.keys(`${sut.config.store.kind === 'redis' ? sut.config.store.keyPrefix : ''}*`);
      const forever = [];
      // A durable queue's settings (BullMQ's `meta` hash) live as long as the queue; its jobs do expire.
      for (const key of keys) if ((await inspector.pttl(key)) === -1 && !/\}:deliveries:meta$/.test(key)) forever.push(key);
      expect(forever).toEqual([]);
    } finally {
      inspector.disconnect();
    }

    const errorLines = sut.logs.entries().filter((entry) => entry.level === 'error' || entry.level === 'fatal');
    const leakingLines = sut.logs.lines.filter((line) => leaks(line).length > 0);
    console.log(
      `fuzz: ${requests.length} requests and ${raws.length} raw exchanges in ${Math.round(performance.now() - started)} ms; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; ${sut.logs.lines.length} log lines`,
    );
    expect(requests.length + raws.length).toBeGreaterThanOrEqual(TOTAL);
    expect(failures.slice(0, 15)).toEqual([]);
    expect(errorLines.slice(0, 5)).toEqual([]);
    expect(leakingLines.length).toBe(0);
  });
});
