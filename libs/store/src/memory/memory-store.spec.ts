import { MemoryStore } from './memory-store';

/** What the contract suite cannot pin down on Redis: exact numbers under a clock we control. */
describe('MemoryStore', () => {
  let now: number;
  let store: MemoryStore;
  const clock = () => now;

  beforeEach(() => {
    now = 1_700_000_000_000.123;
    store = new MemoryStore('test:', { clock });
  });
  afterEach(() => store.close());

  it('refills GCRA cells exactly one emission interval apart', async () => {
    const rule = { key: 'rl', limit: 3, periodMs: 3_000 };
    for (let i = 0; i < 3; i++) expect((await store.rateLimit([rule])).allowed).toBe(true);
    expect(await store.rateLimit([rule])).toEqual({
      allowed: false,
      retryAfterMs: 1_000,
      rules: [{ limit: 3, remaining: 0, resetMs: 3_000 }],
    });
    now += 999;
    expect(await store.rateLimit([rule])).toMatchObject({ allowed: false, retryAfterMs: 1 });
    now += 1;
    expect(await store.rateLimit([rule])).toEqual({
      allowed: true,
      retryAfterMs: 0,
      rules: [{ limit: 3, remaining: 0, resetMs: 3_000 }],
    });
  });

  it('reports remaining and resetMs as the bucket drains', async () => {
    const rule = { key: 'rl', limit: 4, periodMs: 1_000 };
    expect((await store.rateLimit([rule])).rules).toEqual([{ limit: 4, remaining: 3, resetMs: 250 }]);
    now += 100;
    expect((await store.rateLimit([rule])).rules).toEqual([{ limit: 4, remaining: 2, resetMs: 400 }]);
    now += 400;
    expect((await store.rateLimit([rule])).rules).toEqual([{ limit: 4, remaining: 3, resetMs: 250 }]);
  });

  it('expires a key after its TTL, as Redis does: alive at the last millisecond, gone after', async () => {
    await store.set('k', 'v', 100);
    now += 100;
    expect(await store.get('k')).toBe('v');
    now += 1;
    expect(await store.get('k')).toBeNull();
  });

  it('sweeps expired entries nobody reads, on an unref-ed timer', async () => {
    jest.useFakeTimers({ doNotFake: ['Date'] });
    const setInterval = jest.spyOn(global, 'setInterval');
    const swept = new MemoryStore('test:', { clock, sweepIntervalMs: 1_000 });
    try {
      expect((setInterval.mock.results[0].value as NodeJS.Timeout).hasRef()).toBe(false);
      await swept.set('short-1', 'v', 10);
      await swept.set('short-2', 'v', 10);
      await swept.set('long', 'v', 60_000);
      now += 20;
      expect(swept.size).toBe(3);
      jest.advanceTimersByTime(1_000);
      expect(swept.size).toBe(1);
      expect(await swept.get('long')).toBe('v');
    } finally {
      await swept.close();
      setInterval.mockRestore();
      jest.useRealTimers();
    }
  });
});
