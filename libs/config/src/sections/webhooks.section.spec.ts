import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config.error';
import { loadConfig } from '../load-config';
import { buildWebhooks, isWebhookSecret, parseRetrySchedule } from './webhooks.section';
import { testKey } from '@app/testing';

const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const OLD_SECRET = `whsec_${Buffer.alloc(24, 4).toString('base64')}`;
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'k3Jq9vYzP0wR7tLm2sXc8bNf4hGd6aEu',
  REDIS_URL: 'redis://cache.internal:6379',
  CACHE_ENCRYPTION_KEY: testKey(5),
};

function problems(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe(buildWebhooks.name, () => {
  it('is off without WEBHOOK_URL, with the documented defaults', () => {
    expect(loadConfig({}).webhooks).toEqual({
      url: undefined,
      secrets: [],
      timeoutMs: 15_000,
      retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      events: ['upload.created', 'upload.completed', 'upload.failed', 'upload.rejected', 'upload.revoked'],
      deadLetterTtlSeconds: 604_800,
      publicAddressesOnly: false,
      concurrency: 10,
      stalledRecoveryMs: 30_000,
    });
  });

  it('signs with the current secret first, then the previous ones; reads any of them from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-secret-'));
    writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
    const sut = loadConfig({
      WEBHOOK_URL: 'http://127.0.0.1:8080/hooks',
      WEBHOOK_SECRET_FILE: join(dir, 'secret'),
      WEBHOOK_PREVIOUS_SECRETS: OLD_SECRET,
    });
    expect(sut.webhooks).toMatchObject({ url: 'http://127.0.0.1:8080/hooks', secrets: [SECRET, OLD_SECRET] });
  });

  it('requires a whsec_ secret of 24 to 64 bytes with a URL, naming the variables and never the values', () => {
    expect(problems({ WEBHOOK_URL: 'https://api.example.com/hooks' })).toMatch(/WEBHOOK_SECRET: is required with WEBHOOK_URL/);
    const short = `whsec_${Buffer.alloc(16, 1).toString('base64')}`;
    const message = problems({ WEBHOOK_URL: 'https://api.example.com/hooks', WEBHOOK_SECRET: short, WEBHOOK_PREVIOUS_SECRETS: 'nope' });
    expect(message).toMatch(/WEBHOOK_SECRET: must be whsec_ followed by the base64 of 24 to 64 random bytes/);
    expect(message).toMatch(/WEBHOOK_PREVIOUS_SECRETS: each entry must be whsec_/);
    expect(message).not.toContain(short);
    expect(problems({ WEBHOOK_PREVIOUS_SECRETS: OLD_SECRET })).toMatch(/WEBHOOK_PREVIOUS_SECRETS: needs WEBHOOK_SECRET/);
  });

  it('reads the retry schedule in ms, s, m or h, and only known event types', () => {
    const sut = loadConfig({ WEBHOOK_RETRY_SCHEDULE: '100ms, 2s,1m,1h', WEBHOOK_EVENTS: 'upload.completed,upload.failed' }).webhooks;
    expect(sut.retryScheduleMs).toEqual([100, 2_000, 60_000, 3_600_000]);
    expect(sut.events).toEqual(['upload.completed', 'upload.failed']);
    expect(problems({ WEBHOOK_RETRY_SCHEDULE: '5s,soon' })).toMatch(/WEBHOOK_RETRY_SCHEDULE: must be comma-separated delays/);
    expect(problems({ WEBHOOK_RETRY_SCHEDULE: '25h' })).toMatch(/WEBHOOK_RETRY_SCHEDULE/);
    expect(problems({ WEBHOOK_EVENTS: 'upload.completed,upload.deleted' })).toMatch(
      /WEBHOOK_EVENTS: each entry must be one of upload.created/,
    );
  });

  it('in production: https only, no private IP unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, no placeholder secret', () => {
    const message = problems({ ...PRODUCTION, WEBHOOK_URL: 'http://[::1]:8080/hooks', WEBHOOK_SECRET: SECRET });
    expect(message).toMatch(/WEBHOOK_URL: must be an https URL in production/);
    expect(message).toMatch(/WEBHOOK_URL: must not point to a loopback address in production/);
    for (const address of ['10.1.2.3', '169.254.169.254', '192.168.0.10', '[fd00:ec2::254]']) {
      expect(problems({ ...PRODUCTION, WEBHOOK_URL: `https://${address}/hooks`, WEBHOOK_SECRET: SECRET })).toMatch(
        /WEBHOOK_URL: must not point to/,
      );
    }
    const allowed = loadConfig({
      ...PRODUCTION,
      WEBHOOK_URL: 'https://10.1.2.3/hooks',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    expect(allowed.webhooks).toMatchObject({ url: 'https://10.1.2.3/hooks', publicAddressesOnly: false });
    // A host name is checked when it is resolved, at each delivery.
    expect(
      loadConfig({ ...PRODUCTION, WEBHOOK_URL: 'https://hooks.example.net/in', WEBHOOK_SECRET: SECRET }).webhooks.publicAddressesOnly,
    ).toBe(true);
    expect(problems({ ...PRODUCTION, WEBHOOK_URL: 'https://hooks.example.net/in', WEBHOOK_SECRET: 'whsec_change-me' })).toMatch(
      /WEBHOOK_SECRET: holds a placeholder value/,
    );
    expect(problems({ ...PRODUCTION, WEBHOOK_SECRET: SECRET })).toMatch(/WEBHOOK_URL: is required with WEBHOOK_SECRET/);
  });
});

describe(isWebhookSecret.name, () => {
  it.each([
    [SECRET, true],
    [OLD_SECRET, true],
    [`whsec_${Buffer.alloc(64, 1).toString('base64')}`, true],
    [`whsec_${Buffer.alloc(65, 1).toString('base64')}`, false],
    [Buffer.alloc(32, 1).toString('base64'), false],
    [`whsec_${Buffer.alloc(32, 1).toString('base64url')}_`, false],
  ])('%s: %s', (value, expected) => {
    expect(isWebhookSecret(value)).toBe(expected);
  });
});

describe(parseRetrySchedule.name, () => {
  it('refuses empty entries, zero and numbers without a unit', () => {
    expect(parseRetrySchedule('5s,,5m')).toBeUndefined();
    expect(parseRetrySchedule('0s')).toBeUndefined();
    expect(parseRetrySchedule('5')).toBeUndefined();
  });
});
