import { isoSeconds } from './iso-seconds';

describe(isoSeconds.name, () => {
  it('drops the milliseconds, rounding down, and keeps the Z', () => {
    expect(isoSeconds(Date.UTC(2030, 0, 1, 0, 0, 0, 999))).toBe('2030-01-01T00:00:00Z');
    expect(isoSeconds(Date.UTC(2030, 0, 1, 0, 0, 1))).toBe('2030-01-01T00:00:01Z');
  });
});
