import { type RedisServer, startRedisServer } from '@app/testing';
import { createStore } from './factory/create-store';
import type { Store } from './store';
import { CapturingLogger, expectUnavailable, sleep, standaloneConfig } from './testing/store-test-helpers';

/**
 * One contract, two implementations. Time-dependent cases call `elapse`: the memory store's
 * clock jumps, while Redis (which keeps its own time) is really waited for, so those cases use
 * periods of tens to hundreds of milliseconds, times the subject's `scale`, and assert ranges that
 * hold for both.
 */
interface Subject {
  store: Store;
  elapse(ms: number): Promise<void>;
  /**
   * What a case's periods are multiplied by: Redis's are real time, and two calls in a row can be
   * hundreds of milliseconds apart on a busy machine; the memory store's clock only moves when told.
   */
  scale: number;
  /** Another store of the same kind, for tests that close it. */
  another(): Promise<Store>;
  dispose(): Promise<void>;
}

async function memorySubject(): Promise<Subject> {
  let now = 1_700_000_000_000;
  const make = () => createStore({ kind: 'memory', keyPrefix: 'test:' }, { clock: () => now });
  return {
    store: make(),
    elapse: async (ms) => {
      now += ms;
    },
    scale: 1,
    another: async () => make(),
    dispose: async () => undefined,
  };
}

async function redisSubject(): Promise<Subject> {
  const server: RedisServer = await startRedisServer();
  const make = async () => {
    const store = createStore(standaloneConfig(server.url), { logger: new CapturingLogger() });
    if (!(await store.waitUntilReady(2_000))) throw new Error('throwaway redis-server did not accept the store');
    return store;
  };
  const store = await make();
  return {
    store,
    elapse: sleep,
    scale: 5,
    another: make,
    dispose: async () => {
      await store.close();
      await server.stop();
    },
  };
}

describe.each([
  ['memory', memorySubject],
  ['redis', redisSubject],
])('%s store contract', (kind, makeSubject) => {
  let subject: Subject;
  let store: Store;
  let caseNo = 0;
  let ns = '';
  const k = (name: string) => `${ns}${name}`;
  /** A case's period, scaled for the subject. */
  const t = (ms: number) => ms * subject.scale;

  beforeAll(async () => {
    subject = await makeSubject();
    store = subject.store;
  });
  afterAll(() => subject?.dispose());
  beforeEach(() => {
    ns = `case${++caseNo}:`;
  });

  describe('connection', () => {
    it(`is a ${kind} store that answers`, async () => {
      expect(store.kind).toBe(kind);
      expect(store.isReady()).toBe(true);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('rejects every call with 503 STORE_UNAVAILABLE once closed', async () => {
      const closing = await subject.another();
      await closing.close();
      await closing.close();
      expect(closing.isReady()).toBe(false);
      await expectUnavailable(closing.ping());
      await expectUnavailable(closing.get(k('a')));
      await expectUnavailable(closing.set(k('a'), 'v', 1_000));
      await expectUnavailable(closing.rateLimit([{ key: k('rl'), limit: 1, periodMs: 1_000 }]));
      await expectUnavailable(closing.claim({ entries: [{ key: k('c'), value: 'v', ttlMs: 1_000 }] }));
      await expectUnavailable(closing.reserveQuota(k('q'), 1, 1_000));
    });
  });

  describe('get, set, delete', () => {
    it('reads back what it wrote, and null for a missing key', async () => {
      expect(await store.get(k('missing'))).toBeNull();
      await store.set(k('a'), 'one', 10_000);
      await store.set(k('a'), 'two', 10_000);
      expect(await store.get(k('a'))).toBe('two');
      await store.delete(k('a'));
      await store.delete(k('a'));
      expect(await store.get(k('a'))).toBeNull();
    });

    it('forgets a key after its TTL, and set replaces the TTL', async () => {
      // Long enough that a busy machine still reads the key before it expires.
      await store.set(k('short'), 'v', 400);
      await store.set(k('renewed'), 'v', 400);
      await store.set(k('renewed'), 'v', 10_000);
      expect(await store.get(k('short'))).toBe('v');
      await subject.elapse(800);
      expect(await store.get(k('short'))).toBeNull();
      expect(await store.get(k('renewed'))).toBe('v');
    });

    it('refuses an empty key and a TTL that is not positive', async () => {
      await expect(store.get('')).rejects.toThrow(RangeError);
      await expect(store.set(k('a'), 'v', 0)).rejects.toThrow(RangeError);
      await expect(store.setIfAbsent(k('a'), 'v', Number.NaN)).rejects.toThrow(RangeError);
    });
  });

  describe('setIfAbsent', () => {
    it('writes only when the key is absent, and again once it expired', async () => {
      expect(await store.setIfAbsent(k('lock'), 'first', t(40))).toBe(true);
      expect(await store.setIfAbsent(k('lock'), 'second', t(40))).toBe(false);
      expect(await store.get(k('lock'))).toBe('first');
      await subject.elapse(t(80));
      expect(await store.setIfAbsent(k('lock'), 'third', t(40))).toBe(true);
      expect(await store.get(k('lock'))).toBe('third');
    });

    it('lets exactly one of many parallel callers win', async () => {
      const contenders = Array.from({ length: 25 }, (_, i) => `owner-${i}`);
      const wins = await Promise.all(contenders.map((owner) => store.setIfAbsent(k('race'), owner, 10_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.get(k('race'))).toBe(contenders[wins.indexOf(true)]);
    });
  });

  describe('deleteIfEquals', () => {
    it('deletes only while the key still holds our value', async () => {
      expect(await store.deleteIfEquals(k('lock'), 'mine')).toBe(false);
      await store.set(k('lock'), 'theirs', 10_000);
      expect(await store.deleteIfEquals(k('lock'), 'mine')).toBe(false);
      expect(await store.get(k('lock'))).toBe('theirs');
      expect(await store.deleteIfEquals(k('lock'), 'theirs')).toBe(true);
      expect(await store.get(k('lock'))).toBeNull();
    });
  });

  describe('replaceIfEquals', () => {
    it('writes only while the key still holds what was read, keeping its TTL unless given one', async () => {
      expect(await store.replaceIfEquals(k('record'), 'v1', 'v2')).toBe(false);
      expect(await store.get(k('record'))).toBeNull();
      await store.set(k('record'), 'v1', t(200));
      expect(await store.replaceIfEquals(k('record'), 'v0', 'v2')).toBe(false);
      expect(await store.replaceIfEquals(k('record'), 'v1', 'v2')).toBe(true);
      expect(await store.get(k('record'))).toBe('v2');
      await subject.elapse(t(300));
      expect(await store.get(k('record'))).toBeNull();
    });

    it('renews the TTL when one is given (a lease)', async () => {
      await store.set(k('lease'), 'me', t(200));
      expect(await store.replaceIfEquals(k('lease'), 'me', 'me', 10_000)).toBe(true);
      await subject.elapse(t(300));
      expect(await store.get(k('lease'))).toBe('me');
    });
  });

  describe('sorted indexes', () => {
    it('ranges highest score first, from a maximum, up to a count', async () => {
      await store.indexAdd(k('idx'), 'a', 1, 10_000);
      await store.indexAdd(k('idx'), 'c', 3, 10_000);
      await store.indexAdd(k('idx'), 'b', 2, 10_000);
      expect(await store.indexRange(k('idx'), Number.POSITIVE_INFINITY, 10)).toEqual([
        { member: 'c', score: 3 },
        { member: 'b', score: 2 },
        { member: 'a', score: 1 },
      ]);
      expect(await store.indexRange(k('idx'), 2, 1)).toEqual([{ member: 'b', score: 2 }]);
      expect(await store.indexRange(k('none'), 10, 10)).toEqual([]);
    });

    it('orders equal scores by member, descending, and re-scores a member added again', async () => {
      await store.indexAdd(k('ties'), 'upl_a', 5, 10_000);
      await store.indexAdd(k('ties'), 'upl_b', 5, 10_000);
      await store.indexAdd(k('ties'), 'upl_c', 1, 10_000);
      await store.indexAdd(k('ties'), 'upl_c', 9, 10_000);
      expect((await store.indexRange(k('ties'), 100, 10)).map((entry) => entry.member)).toEqual(['upl_c', 'upl_b', 'upl_a']);
    });

    it('removes members, and the whole index expires after its newest entry', async () => {
      await store.indexAdd(k('gone'), 'a', 1, t(200));
      await store.indexAdd(k('gone'), 'b', 2, t(200));
      await store.indexRemove(k('gone'), ['a', 'missing']);
      expect(await store.indexRange(k('gone'), 10, 10)).toEqual([{ member: 'b', score: 2 }]);
      await subject.elapse(t(300));
      expect(await store.indexRange(k('gone'), 10, 10)).toEqual([]);
    });

    it('refuses a bad score or count as a programming error', async () => {
      await expect(store.indexAdd(k('bad'), 'a', Number.NaN, 1_000)).rejects.toThrow(RangeError);
      await expect(store.indexRange(k('bad'), 1, 0)).rejects.toThrow(RangeError);
    });
  });

  describe('rateLimit (GCRA)', () => {
    const rule = (name: string, limit: number, periodMs: number) => ({ key: k(name), limit, periodMs });

    it('admits exactly `limit` in a burst, then refuses for about one emission interval', async () => {
      const r = rule('burst', 5, 60_000);
      const remaining: number[] = [];
      for (let i = 0; i < 5; i++) {
        const result = await store.rateLimit([r]);
        expect(result).toMatchObject({ allowed: true, retryAfterMs: 0 });
        remaining.push(result.rules[0].remaining);
      }
      expect(remaining).toEqual([4, 3, 2, 1, 0]);

      const refused = await store.rateLimit([r]);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(11_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(12_000);
      expect(refused.rules).toEqual([{ limit: 5, remaining: 0, resetMs: expect.any(Number) }]);
      expect(refused.rules[0].resetMs).toBeGreaterThan(59_000);
      expect(refused.rules[0].resetMs).toBeLessThanOrEqual(60_000);
      // A refusal spends nothing: asking again does not push the retry further out.
      expect((await store.rateLimit([r])).retryAfterMs).toBeLessThanOrEqual(refused.retryAfterMs);
    });

    it.each([
      [3, 10_000],
      [7, 10_000],
      [9, 7_000],
    ])('admits a burst of exactly %i per %i ms although the interval is not a whole number', async (limit, periodMs) => {
      const r = rule('fractions', limit, periodMs);
      const outcomes: boolean[] = [];
      for (let i = 0; i <= limit; i++) outcomes.push((await store.rateLimit([r])).allowed);
      expect(outcomes.filter(Boolean)).toHaveLength(limit);
      expect(outcomes[limit]).toBe(false);
    });

    it.each([
      [9_999_999, 1_000],
      [9_999_999, 60_000],
      [100_000, 1_000],
      [25_000, 250],
    ])('reports remaining = limit - 1 after one request at a limit of %i per %i ms, never above the limit', async (limit, periodMs) => {
      const first = await store.rateLimit([rule(`large-${limit}-${periodMs}`, limit, periodMs)]);
      expect(first.allowed).toBe(true);
      expect(first.rules[0].remaining).toBe(limit - 1);
      const second = await store.rateLimit([rule(`large-${limit}-${periodMs}`, limit, periodMs)]);
      expect(second.rules[0].remaining).toBeLessThanOrEqual(limit - 1);
    });

    it('admits a whole burst of 1,000 at 100,000 per second, the densest rate the config allows', async () => {
      const r = rule('dense', 1_000, 10);
      const outcomes: boolean[] = [];
      for (let i = 0; i < 1_000; i++) outcomes.push((await store.rateLimit([r])).allowed);
      expect(outcomes.every(Boolean)).toBe(true);
    });

    it('refills one unit per interval, not the whole window at once', async () => {
      const r = rule('smooth', 2, 400);
      await store.rateLimit([r]);
      await store.rateLimit([r]);
      const refused = await store.rateLimit([r]);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(100);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(200);

      await subject.elapse(refused.retryAfterMs + 10);
      const after = await store.rateLimit([r]);
      expect(after).toMatchObject({ allowed: true, rules: [{ remaining: 0 }] });
      expect((await store.rateLimit([r])).allowed).toBe(false);
    });

    it('is full again after resetMs', async () => {
      const r = rule('reset', 2, 100);
      await store.rateLimit([r]);
      const last = await store.rateLimit([r]);
      expect(last.rules[0].resetMs).toBeGreaterThan(50);
      expect(last.rules[0].resetMs).toBeLessThanOrEqual(100);
      await subject.elapse(last.rules[0].resetMs + 10);
      const full = await store.rateLimit([r], 2);
      expect(full).toMatchObject({ allowed: true, rules: [{ remaining: 0 }] });
    });

    it('is all-or-nothing across rules: a refusal spends no rule', async () => {
      const strict = rule('strict', 1, 60_000);
      const loose = rule('loose', 5, 60_000);
      const first = await store.rateLimit([strict, loose]);
      expect(first.allowed).toBe(true);
      expect(first.rules.map((state) => state.remaining)).toEqual([0, 4]);

      const second = await store.rateLimit([strict, loose]);
      expect(second.allowed).toBe(false);
      expect(second.retryAfterMs).toBeGreaterThan(59_000);
      expect(second.rules.map((state) => state.remaining)).toEqual([0, 4]);
      expect((await store.rateLimit([loose])).rules[0].remaining).toBe(3);
    });

    it('waits for the slowest blocking rule', async () => {
      const fast = rule('fast', 1, 1_000);
      const slow = rule('slow', 1, 60_000);
      await store.rateLimit([fast, slow]);
      const refused = await store.rateLimit([fast, slow]);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(59_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    });

    it('spends `cost` units at once, and refuses a cost the bucket cannot cover yet', async () => {
      const r = rule('cost', 5, 60_000);
      expect(await store.rateLimit([r], 3)).toMatchObject({ allowed: true, rules: [{ remaining: 2 }] });
      const refused = await store.rateLimit([r], 3);
      expect(refused).toMatchObject({ allowed: false, rules: [{ remaining: 2 }] });
      // One more unit is missing: one emission interval.
      expect(refused.retryAfterMs).toBeGreaterThan(11_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(12_000);
      expect(await store.rateLimit([r], 2)).toMatchObject({ allowed: true, rules: [{ remaining: 0 }] });
    });

    it('keeps keys apart', async () => {
      await store.rateLimit([rule('alice', 1, 60_000)]);
      expect((await store.rateLimit([rule('bob', 1, 60_000)])).allowed).toBe(true);
    });

    it('refuses rules it could never honour', async () => {
      await expect(store.rateLimit([])).rejects.toThrow(RangeError);
      await expect(store.rateLimit([rule('a', 2, 1_000)], 3)).rejects.toThrow(/exceeds the limit/);
      await expect(store.rateLimit([rule('a', 2, 1_000), rule('a', 3, 1_000)])).rejects.toThrow(/repeat/);
      await expect(store.rateLimit([rule('a', 1.5, 1_000)])).rejects.toThrow(RangeError);
      await expect(store.rateLimit([rule('a', 2, 0)])).rejects.toThrow(RangeError);
      await expect(store.rateLimit([rule('a', 2, 1_000)], 0)).rejects.toThrow(RangeError);
    });
  });

  describe('quotas', () => {
    it('reserves up to the limit, then refuses without counting', async () => {
      const used: [boolean, number][] = [];
      for (let i = 0; i < 5; i++) {
        const reservation = await store.reserveQuota(k('daily'), 3, 60_000);
        used.push([reservation.allowed, reservation.used]);
      }
      expect(used).toEqual([
        [true, 1],
        [true, 2],
        [true, 3],
        [false, 3],
        [false, 3],
      ]);
      expect(await store.reserveQuota(k('none'), 0, 60_000)).toEqual({ allowed: false, used: 0 });
    });

    it('gives a unit back on release, never below zero', async () => {
      for (let i = 0; i < 3; i++) await store.reserveQuota(k('daily'), 3, 60_000);
      await store.releaseQuota(k('daily'));
      expect(await store.reserveQuota(k('daily'), 3, 60_000)).toEqual({ allowed: true, used: 3 });

      await store.releaseQuota(k('fresh'));
      await store.reserveQuota(k('fresh'), 3, 60_000);
      for (let i = 0; i < 3; i++) await store.releaseQuota(k('fresh'));
      expect(await store.reserveQuota(k('fresh'), 3, 60_000)).toEqual({ allowed: true, used: 1 });
    });

    it('resets when the TTL set at creation runs out, however many reservations came later', async () => {
      await store.reserveQuota(k('q'), 10, t(200));
      await subject.elapse(t(100));
      expect(await store.reserveQuota(k('q'), 10, t(200))).toEqual({ allowed: true, used: 2 });
      await subject.elapse(t(130));
      expect(await store.reserveQuota(k('q'), 10, t(200))).toEqual({ allowed: true, used: 1 });
    });

    it('leaves no counter behind once its last unit is given back', async () => {
      await store.reserveQuota(k('once'), 3, 60_000);
      await store.reserveQuota(k('once'), 3, 60_000);
      await store.releaseQuota(k('once'));
      expect(await store.get(k('once'))).toBe('1');
      await store.releaseQuota(k('once'));
      expect(await store.get(k('once'))).toBeNull();
      expect(await store.reserveQuota(k('once'), 3, 60_000)).toEqual({ allowed: true, used: 1 });
    });

    it('does not recreate an expired counter on release', async () => {
      await store.reserveQuota(k('q'), 10, t(40));
      await subject.elapse(t(80));
      await store.releaseQuota(k('q'));
      expect(await store.get(k('q'))).toBeNull();
    });
  });

  describe('claim (a request’s writes at once)', () => {
    const claimOf = (quotaLimit: number | undefined, ...names: string[]) => ({
      ...(quotaLimit === undefined ? {} : { quota: { key: k('{u}quota'), limit: quotaLimit, ttlMs: 60_000 } }),
      entries: names.map((name) => ({ key: k(`{u}${name}`), value: `value of ${name}`, ttlMs: 60_000 })),
      indexes: [{ key: k('{u}index'), member: names[0], score: names.length, ttlMs: 60_000 }],
    });

    it('writes every entry and index entry and counts the quota unit, all at once', async () => {
      expect(await store.claim(claimOf(2, 'record', 'nonce'))).toEqual({ outcome: 'claimed', used: 1 });
      expect(await store.get(k('{u}record'))).toBe('value of record');
      expect(await store.get(k('{u}nonce'))).toBe('value of nonce');
      expect(await store.indexRange(k('{u}index'), Infinity, 10)).toEqual([{ member: 'record', score: 2 }]);
      expect(await store.get(k('{u}quota'))).toBe('1');
      expect(await store.claim(claimOf(undefined, 'other'))).toEqual({ outcome: 'claimed', used: 0 });
    });

    it('writes nothing when an entry exists, and names it with what it holds', async () => {
      await store.set(k('{u}nonce'), 'earlier', 60_000);
      expect(await store.claim(claimOf(5, 'record', 'nonce'))).toEqual({ outcome: 'taken', key: k('{u}nonce'), value: 'earlier' });
      expect(await store.get(k('{u}record'))).toBeNull();
      expect(await store.get(k('{u}nonce'))).toBe('earlier');
      expect(await store.indexRange(k('{u}index'), Infinity, 10)).toEqual([]);
      expect(await store.get(k('{u}quota'))).toBeNull();
    });

    it('answers an existing entry before a used-up quota (a replay is not a new unit)', async () => {
      expect(await store.claim(claimOf(1, 'first'))).toEqual({ outcome: 'claimed', used: 1 });
      expect(await store.claim(claimOf(1, 'first'))).toEqual({ outcome: 'taken', key: k('{u}first'), value: 'value of first' });
      expect(await store.claim(claimOf(1, 'second'))).toEqual({ outcome: 'quota', used: 1 });
    });

    it('writes nothing once the quota is used up, and counts no unit for it', async () => {
      expect(await store.claim(claimOf(1, 'first'))).toEqual({ outcome: 'claimed', used: 1 });
      expect(await store.claim(claimOf(1, 'second'))).toEqual({ outcome: 'quota', used: 1 });
      expect(await store.get(k('{u}second'))).toBeNull();
      expect(await store.claim(claimOf(0, 'third'))).toEqual({ outcome: 'quota', used: 1 });
      await store.releaseQuota(k('{u}quota'));
      expect(await store.claim(claimOf(1, 'second'))).toEqual({ outcome: 'claimed', used: 1 });
    });

    it('shares its counter with reserveQuota, whose TTL it keeps', async () => {
      await store.reserveQuota(k('{u}quota'), 3, t(200));
      await subject.elapse(t(100));
      expect(await store.claim({ ...claimOf(3, 'a'), quota: { key: k('{u}quota'), limit: 3, ttlMs: t(200) } })).toEqual({
        outcome: 'claimed',
        used: 2,
      });
      await subject.elapse(t(130));
      expect(await store.get(k('{u}quota'))).toBeNull();
      expect(await store.get(k('{u}a'))).toBe('value of a');
    });

    it('lets exactly one of many parallel claims of one key win', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(claimOf(undefined, 'lock'))));
      expect(results.filter((result) => result.outcome === 'claimed')).toHaveLength(1);
    });

    it('refuses a claim without entries or with a key twice', async () => {
      await expect(store.claim({ entries: [] })).rejects.toThrow(RangeError);
      await expect(store.claim(claimOf(1, 'x', 'x'))).rejects.toThrow(/repeats/);
      await expect(store.claim({ entries: [{ key: k('y'), value: 'v', ttlMs: 0 }] })).rejects.toThrow(RangeError);
    });
  });

  describe('takeToken (shared token bucket)', () => {
    it('grants the burst, then tells how long until the next token', async () => {
      const grants = [];
      for (let i = 0; i < 4; i++) grants.push(await store.takeToken(k('qps'), 10, 3));
      expect(grants.map((grant) => grant.allowed)).toEqual([true, true, true, false]);
      expect(grants[0].waitMs).toBe(0);
      expect(grants[3].waitMs).toBeGreaterThan(50);
      expect(grants[3].waitMs).toBeLessThanOrEqual(100);

      await subject.elapse(grants[3].waitMs + 10);
      expect((await store.takeToken(k('qps'), 10, 3)).allowed).toBe(true);
      expect((await store.takeToken(k('qps'), 10, 3)).allowed).toBe(false);
    });

    it('handles rates below one per second', async () => {
      expect((await store.takeToken(k('slow'), 0.5, 1)).allowed).toBe(true);
      const refused = await store.takeToken(k('slow'), 0.5, 1);
      expect(refused.allowed).toBe(false);
      expect(refused.waitMs).toBeGreaterThan(1_900);
      expect(refused.waitMs).toBeLessThanOrEqual(2_000);
    });

    it('refuses a rate or burst that is not positive', async () => {
      await expect(store.takeToken(k('x'), 0, 1)).rejects.toThrow(RangeError);
      await expect(store.takeToken(k('x'), 1, 0)).rejects.toThrow(RangeError);
    });
  });
});
