import { ConfigError } from '../config.error';
import { loadConfig } from '../load-config';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    return (error as ConfigError).message;
  }
};

describe('protection settings', () => {
  it('has defaults for every kind: limits, quotas for credential-issuing kinds, budgets below provider caps', () => {
    const sut = loadConfig({}).protection;
    expect(sut.rateLimits['aliyun-vod-video']).toEqual({ user: { limit: 30, windowSeconds: 60 }, ip: { limit: 300, windowSeconds: 60 } });
    expect(sut.dailyQuotas['aliyun-vod-video']).toBe(50);
    expect(sut.dailyQuotas['aliyun-vod-video-refresh']).toBeUndefined();
    expect(sut.dailyQuotas['tencent-vod-commit']).toBeUndefined();
    expect(sut.upstreamBudgets['aliyun-vod']).toBeLessThan(80);
    expect(sut.upstreamBudgets['tencent-vod']).toBeLessThan(100);
    expect(
      loadConfig({ ALIBABA_CLOUD_VOD_REGION: 'eu-central-1', ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS: 'true' }).protection.upstreamBudgets[
        'aliyun-vod'
      ],
    ).toBeLessThan(40);
  });

  it('reads per-kind overrides over the default, each part optional', () => {
    const sut = loadConfig({
      RATE_LIMIT_DEFAULT: 'user:10/30s,ip:100/1h',
      RATE_LIMIT_TENCENT_VOD_MEDIA: 'user:2/1m',
      DAILY_QUOTA_ALIYUN_VOD_IMAGE: '7',
    }).protection;
    expect(sut.rateLimits['aliyun-vod-image']).toEqual({ user: { limit: 10, windowSeconds: 30 }, ip: { limit: 100, windowSeconds: 3600 } });
    expect(sut.rateLimits['tencent-vod-media']).toEqual({ user: { limit: 2, windowSeconds: 60 }, ip: { limit: 100, windowSeconds: 3600 } });
    expect(sut.dailyQuotas['aliyun-vod-image']).toBe(7);
  });

  it('names the variable and the rule for a malformed policy or budget', () => {
    expect(problems({ RATE_LIMIT_ALIYUN_VOD_VIDEO: 'lots' })).toMatch(/RATE_LIMIT_ALIYUN_VOD_VIDEO: must look like user:30\/1m/);
    expect(problems({ RATE_LIMIT_DEFAULT: 'user:0/1m,ip:1/1m' })).toMatch(/RATE_LIMIT_DEFAULT: must look like/);
    expect(problems({ UPSTREAM_BUDGET_TENCENT_VOD_PER_SECOND: '-3' })).toMatch(/UPSTREAM_BUDGET_TENCENT_VOD_PER_SECOND: must be a number/);
  });

  it('requires the idempotency lock to outlast the longest upstream call', () => {
    expect(problems({ IDEMPOTENCY_LOCK_TTL_SECONDS: '10', ALIBABA_CLOUD_READ_TIMEOUT_MS: '10000' })).toMatch(
      /IDEMPOTENCY_LOCK_TTL_SECONDS: must outlast the longest upstream call .* at least 19 with these settings/,
    );
    expect(() => loadConfig({ IDEMPOTENCY_LOCK_TTL_SECONDS: '20', ALIBABA_CLOUD_READ_TIMEOUT_MS: '10000' })).not.toThrow();
  });

  it('keeps the current encryption key first and previous keys for reading', () => {
    const current = Buffer.alloc(32, 1).toString('base64');
    const previous = Buffer.alloc(32, 2).toString('base64url');
    const keys = loadConfig({ CACHE_ENCRYPTION_KEY: current, CACHE_ENCRYPTION_PREVIOUS_KEYS: previous }).protection.encryptionKeys;
    expect(keys.map((key) => key.key)).toEqual([Buffer.alloc(32, 1), Buffer.alloc(32, 2)]);
    expect(keys[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(keys[0].id).not.toBe(keys[1].id);
  });
});
