import { testKey } from '@app/testing';
import { loadServiceConfig } from '../providers';
import { describePersistence, keptData, roughly } from './kept-data';

describe(roughly.name, () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [120, '2m'],
    [3_660, '1h 1m'],
    [604_800, '7d'],
    [99_305, '1d 3h'],
    [86_400 + 300, '1d'],
  ])('%i seconds: %s', (seconds, text) => {
    expect(roughly(seconds)).toBe(text);
  });
});

describe(keptData.name, () => {
  const base = { NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:6399', CACHE_ENCRYPTION_KEY: testKey('durability') };

  it('names every kind of data with its lifetime, from the configuration', () => {
    const kept = keptData(
      loadServiceConfig({
        ...base,
        UPLOAD_RECORD_TTL_SECONDS: '172800',
        IDEMPOTENCY_REPLAY_MARGIN_SECONDS: '300',
        WEBHOOK_URL: 'https://backend.example.com/hooks',
        WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 2).toString('base64')}`,
        WEBHOOK_RETRY_SCHEDULE: '1m,1h',
        WEBHOOK_DEAD_LETTER_TTL_SECONDS: '259200',
      }),
    );
    expect(kept).toEqual([
      'upload records 2d',
      'idempotent answers until their credential expires, less 5m',
      'upload sessions until their credential expires, plus a margin',
      'webhooks until delivered (retries span about 1h 1m), then dead letters 3d',
      'daily quotas until 00:00 UTC',
      'rate limits and upstream budgets for seconds',
    ]);
  });

  it('leaves webhooks out when there is no WEBHOOK_URL: nothing is queued', () => {
    expect(keptData(loadServiceConfig(base)).join('; ')).not.toMatch(/webhook/);
  });
});

describe(describePersistence.name, () => {
  it.each([
    [{ appendOnly: true, appendFsync: 'everysec', snapshots: false }, 'AOF (appendfsync everysec)'],
    [{ appendOnly: true, appendFsync: 'always', snapshots: true }, 'AOF (appendfsync always) and RDB snapshots'],
    [{ appendOnly: false, snapshots: true }, 'RDB snapshots only (a restart loses what was written since the last one)'],
    [{ appendOnly: false, snapshots: false }, 'none (a restart loses all of it)'],
    [{ appendOnly: false, snapshots: undefined }, 'not reported (no AOF; snapshots unknown)'],
    [{ appendOnly: undefined, snapshots: undefined }, 'not reported (CONFIG and INFO refused)'],
  ])('%o: %s', (persistence, text) => {
    expect(describePersistence(persistence)).toBe(text);
  });
});
