import { RETRY_JITTER, retryDelayMs } from './retry-delay';

describe(retryDelayMs.name, () => {
  const schedule = [5_000, 300_000];

  it('follows the schedule, spread by the jitter either way', () => {
    expect(retryDelayMs(schedule, 1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(schedule, 1, () => 0)).toBe(5_000 * (1 - RETRY_JITTER));
    expect(retryDelayMs(schedule, 2, () => 1)).toBe(300_000 * (1 + RETRY_JITTER));
  });

  it('says when the schedule is spent', () => {
    expect(retryDelayMs(schedule, 3)).toBeUndefined();
  });

  it('varies between calls', () => {
    expect(new Set(Array.from({ length: 20 }, () => retryDelayMs(schedule, 2))).size).toBeGreaterThan(1);
  });
});
