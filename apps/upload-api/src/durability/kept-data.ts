import type { AppConfig } from '@app/config';
import type { StorePersistence } from '@app/store';

const UNITS: [string, number][] = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** A lifetime as people read it, to its two largest units: 604800 → `7d`, 99305 → `1d 3h`. */
export function roughly(seconds: number): string {
  const whole = Math.round(seconds);
  const first = UNITS.findIndex(([, size]) => whole >= size);
  if (first === -1) return '0s';
  const [unit, size] = UNITS[first];
  const next = UNITS[first + 1];
  const rest = next ? Math.floor((whole % size) / next[1]) : 0;
  return `${Math.floor(whole / size)}${unit}${rest > 0 ? ` ${rest}${next[0]}` : ''}`;
}

/** What the service keeps in Redis and for how long, each as "<data> <lifetime>", from the configuration. */
export function keptData(config: AppConfig): string[] {
  const { uploads, protection, webhooks } = config;
  const retries = roughly(webhooks.retryScheduleMs.reduce((sum, delay) => sum + delay, 0) / 1000);
  const deadLetters = roughly(webhooks.deadLetterTtlSeconds);
  return [
    `upload records ${roughly(uploads.recordTtlSeconds)}`,
    `idempotent answers until their credential expires, less ${roughly(protection.idempotency.replayMarginSeconds)}`,
    'upload sessions until their credential expires, plus a margin',
    ...(webhooks.url === undefined ? [] : [`webhooks until delivered (retries span about ${retries}), then dead letters ${deadLetters}`]),
    'daily quotas until 00:00 UTC',
    'rate limits and upstream budgets for seconds',
  ];
}

/** How the server keeps it, as its own report says. */
export function describePersistence(persistence: StorePersistence): string {
  const { appendOnly, appendFsync, snapshots } = persistence;
  if (appendOnly) return `AOF (appendfsync ${appendFsync ?? 'not reported'})${snapshots ? ' and RDB snapshots' : ''}`;
  if (appendOnly === false && snapshots) return 'RDB snapshots only (a restart loses what was written since the last one)';
  if (appendOnly === false && snapshots === false) return 'none (a restart loses all of it)';
  return `not reported (${appendOnly === false ? 'no AOF; snapshots unknown' : 'CONFIG and INFO refused'})`;
}
