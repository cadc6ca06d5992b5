import { ConfigError } from '../config.error';
import { loadConfig } from '../load-config';
import { ACME_CONFIGS } from '../testing/acme-provider';
import { testKey, testKeyBytes } from '@app/testing';

const load = (env: Record<string, string>) => loadConfig(env, ACME_CONFIGS);

const problems = (env: Record<string, string>) => {
  try {
    load(env);
    return '';
  } catch (error) {
    return (error as ConfigError).message;
  }
};

describe('protection settings', () => {
  it('has defaults for every kind of the catalog: limits, quotas for credential-issuing kinds, the APIs budgets', () => {
    const sut = load({}).protection;
    expect(sut.rateLimits['acme-media-video']).toEqual({ user: { limit: 30, windowSeconds: 60 }, ip: { limit: 300, windowSeconds: 60 } });
    expect(sut.rateLimits['upload-records']).toEqual({ user: { limit: 60, windowSeconds: 60 }, ip: { limit: 600, windowSeconds: 60 } });
    expect(sut.dailyQuotas['acme-media-video']).toBe(50);
    expect(sut.dailyQuotas['acme-media-video-refresh']).toBeUndefined();
    expect(sut.upstreamBudgets['acme-api']).toBe(60);
    // A default may depend on the provider's own settings (a region's QPS cap).
    expect(load({ ACME_REGION: 'far-away' }).protection.upstreamBudgets['acme-api']).toBe(10);
  });

  it('reads per-kind overrides over the default, each part optional', () => {
    const sut = load({
      RATE_LIMIT_DEFAULT: 'user:10/30s,ip:100/1h',
      RATE_LIMIT_ACME_MEDIA_VIDEO_REFRESH: 'user:2/1m',
      DAILY_QUOTA_ACME_MEDIA_VIDEO: '7',
    }).protection;
    expect(sut.rateLimits['acme-media-video']).toEqual({ user: { limit: 10, windowSeconds: 30 }, ip: { limit: 100, windowSeconds: 3600 } });
    expect(sut.rateLimits['acme-media-video-refresh']).toEqual({
      user: { limit: 2, windowSeconds: 60 },
      ip: { limit: 100, windowSeconds: 3600 },
    });
    expect(sut.dailyQuotas['acme-media-video']).toBe(7);
  });

  it('names the variable and the rule for a malformed policy or budget', () => {
    expect(problems({ RATE_LIMIT_ACME_MEDIA_VIDEO: 'lots' })).toMatch(/RATE_LIMIT_ACME_MEDIA_VIDEO: must look like user:30\/1m/);
    expect(problems({ RATE_LIMIT_DEFAULT: 'user:0/1m,ip:1/1m' })).toMatch(/RATE_LIMIT_DEFAULT: must look like/);
    expect(problems({ UPSTREAM_BUDGET_ACME_API_PER_SECOND: '-3' })).toMatch(/UPSTREAM_BUDGET_ACME_API_PER_SECOND: must be a number/);
  });

  it('requires the idempotency lock to outlast the longest upstream call of any provider', () => {
    expect(problems({ IDEMPOTENCY_LOCK_TTL_SECONDS: '10', ACME_TIMEOUT_MS: '10000' })).toMatch(
      /IDEMPOTENCY_LOCK_TTL_SECONDS: must outlast the longest upstream call .* at least 16 with these settings/,
    );
    expect(() => load({ IDEMPOTENCY_LOCK_TTL_SECONDS: '16', ACME_TIMEOUT_MS: '10000' })).not.toThrow();
  });

  it('refuses an encryption key that is not random: all one byte, or fewer than 16 distinct bytes', () => {
    expect(problems({ CACHE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') })).toMatch(
      /CACHE_ENCRYPTION_KEY: is not random enough: make one with openssl rand -base64 32/,
    );
    const repeated = Buffer.from('0123456789abcde'.repeat(3).slice(0, 32)).toString('base64');
    expect(problems({ CACHE_ENCRYPTION_KEY: testKey(1), CACHE_ENCRYPTION_PREVIOUS_KEYS: repeated })).toMatch(
      /CACHE_ENCRYPTION_PREVIOUS_KEYS: is not random enough/,
    );
    expect(problems({ CACHE_ENCRYPTION_KEY: testKey(1) })).toBe('');
  });

  it('keeps the current encryption key first and previous keys for reading', () => {
    const current = testKeyBytes(1).toString('base64');
    const previous = testKeyBytes(2).toString('base64url');
    const keys = load({ CACHE_ENCRYPTION_KEY: current, CACHE_ENCRYPTION_PREVIOUS_KEYS: previous }).protection.encryptionKeys;
    expect(keys.map((key) => key.key)).toEqual([testKeyBytes(1), testKeyBytes(2)]);
    expect(keys[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(keys[0].id).not.toBe(keys[1].id);
  });
});
