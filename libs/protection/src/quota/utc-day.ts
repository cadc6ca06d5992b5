const DAY_MS = 24 * 3600 * 1000;

/** Quotas reset at 00:00 UTC. */
export function utcDay(now: number): { day: string; msUntilReset: number } {
  const start = Math.floor(now / DAY_MS) * DAY_MS;
  return { day: new Date(start).toISOString().slice(0, 10), msUntilReset: start + DAY_MS - now };
}
