/** Each delay is spread by up to this fraction either way, so a receiver that comes back is not hit by every retry at once. */
export const RETRY_JITTER = 0.2;

/**
 * The wait before retry number `retry` (1 = after the first attempt), jittered; undefined when the
 * schedule is exhausted (the event becomes a dead letter).
 */
export function retryDelayMs(scheduleMs: readonly number[], retry: number, random: () => number = Math.random): number | undefined {
  const base = scheduleMs[retry - 1];
  if (base === undefined) return undefined;
  return Math.max(0, Math.round(base * (1 + RETRY_JITTER * (2 * random() - 1))));
}
