import { utcDay } from './utc-day';

describe(utcDay.name, () => {
  it('names the UTC day and the time left until 00:00 UTC', () => {
    expect(utcDay(Date.UTC(2026, 10, 21, 23, 59, 30))).toEqual({ day: '2026-11-21', msUntilReset: 30_000 });
    expect(utcDay(Date.UTC(2026, 10, 22, 0, 0, 0))).toEqual({ day: '2026-11-22', msUntilReset: 24 * 3600_000 });
  });
});
