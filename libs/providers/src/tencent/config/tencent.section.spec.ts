import { loadConfig } from '@app/config';
import { TENCENT_CONFIGS } from '../testing/tencent-config';
import type { EnabledTencentConfig, TencentConfig } from './tencent.section';
import { buildTencent } from './tencent.section';
import { configProblems, testKey } from '@app/testing';

/** The tencent settings `env` builds, with this provider registered. */
const tencentOf = (env: Record<string, string | undefined>) => loadConfig(env, TENCENT_CONFIGS).providers.tencent as TencentConfig;
const configProblemsOf = (env: Record<string, string | undefined>) => configProblems(env, TENCENT_CONFIGS);

const KEYS = { TENCENTCLOUD_SECRET_ID: 'test-secret-id-for-config-spec', TENCENTCLOUD_SECRET_KEY: 'test-secret-key-for-config-spec' };
const CONFIGURED = { ...KEYS, TENCENTCLOUD_VOD_SUB_APP_ID: '1500000001' };
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'k3Jq9vYzP0wR7tLm2sXc8bNf4hGd6aEu',
  REDIS_URL: 'redis://cache.internal:6379',
  CACHE_ENCRYPTION_KEY: testKey(5),
};

describe(buildTencent.name, () => {
  it('is off without a key pair, and the service still boots', () => {
    expect(tencentOf({})).toEqual({ enabled: false });
  });

  it('applies the defaults once a key pair and the application id are set', () => {
    expect(tencentOf(CONFIGURED)).toEqual({
      enabled: true,
      credentials: { secretId: KEYS.TENCENTCLOUD_SECRET_ID, secretKey: KEYS.TENCENTCLOUD_SECRET_KEY, sessionToken: undefined },
      region: 'ap-guangzhou',
      vod: {
        endpoint: 'https://vod.tencentcloudapi.com',
        subAppId: 1500000001,
        storageRegion: undefined,
        procedure: undefined,
        procedures: [],
        classId: undefined,
        classIds: [],
        requestTimeoutMs: 5000,
        sessionMarginSeconds: 3600,
        commitWaitMs: 3000,
        signatureTtlSeconds: 1800,
        signatureOneTime: true,
        signaturesPerUpload: 10,
        events: { mode: 'off' },
        maxFileSize: 10 * 1024 ** 3,
        maxDurationSeconds: undefined,
      },
    });
  });

  it('takes PUSH events with a long token, PULL without one, and refuses a short token or an unknown mode', () => {
    const token = 'a'.repeat(32);
    expect(tencentOf({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_TOKEN: token })).toMatchObject({
      vod: { events: { mode: 'push', token } },
    });
    expect(tencentOf({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_MODE: 'pull' })).toMatchObject({
      vod: { events: { mode: 'pull', waitMs: 10_000 } },
    });
    // Longer tokens made every PUSH 404: refused at start.
    expect(() => loadConfig({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_TOKEN: 'a'.repeat(129) }, TENCENT_CONFIGS)).toThrow(
      /TENCENTCLOUD_VOD_EVENT_TOKEN: must be 32-128 letters/,
    );
    expect(tencentOf({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_TOKEN: 'a'.repeat(128) })).toMatchObject({
      vod: { events: { mode: 'push' } },
    });
    expect(() => loadConfig({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_TOKEN: 'short' }, TENCENT_CONFIGS)).toThrow(
      /TENCENTCLOUD_VOD_EVENT_TOKEN: must be 32-128 letters/,
    );
    expect(() => loadConfig({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_MODE: 'push' }, TENCENT_CONFIGS)).toThrow(
      /TENCENTCLOUD_VOD_EVENT_TOKEN: is required/,
    );
    expect(() => loadConfig({ ...CONFIGURED, TENCENTCLOUD_VOD_EVENT_MODE: 'poll' }, TENCENT_CONFIGS)).toThrow(
      /TENCENTCLOUD_VOD_EVENT_MODE: must be push, pull or off/,
    );
  });

  it('reads every setting', () => {
    const sut = tencentOf({
      ...CONFIGURED,
      TENCENTCLOUD_SESSION_TOKEN: 'session-token-value',
      TENCENTCLOUD_REGION: 'ap-shanghai-fsi',
      TENCENTCLOUD_VOD_ENDPOINT: 'https://vod.intl.tencentcloudapi.com/',
      TENCENTCLOUD_VOD_STORAGE_REGION: 'ap-chongqing',
      TENCENTCLOUD_VOD_PROCEDURE: 'transcode-hd',
      TENCENTCLOUD_VOD_PROCEDURES: 'transcode-hd, 转码 标清,transcode-hd',
      TENCENTCLOUD_VOD_CLASS_ID: '0',
      TENCENTCLOUD_VOD_CLASS_IDS: '0,12, 99',
      TENCENTCLOUD_VOD_SIGNATURE_ONE_TIME: 'false',
      TENCENTCLOUD_VOD_SIGNATURE_TTL_SECONDS: '7776000',
      TENCENTCLOUD_VOD_MAX_FILE_SIZE: '104857600',
      TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: '600',
    });
    expect(sut).toMatchObject({
      credentials: { sessionToken: 'session-token-value' },
      region: 'ap-shanghai-fsi',
      vod: {
        endpoint: 'https://vod.intl.tencentcloudapi.com',
        storageRegion: 'ap-chongqing',
        procedure: 'transcode-hd',
        procedures: ['transcode-hd', '转码 标清'],
        classId: 0,
        classIds: [0, 12, 99],
        signatureOneTime: false,
        signatureTtlSeconds: 7776000,
        maxFileSize: 104857600,
        maxDurationSeconds: 600,
      },
    });
  });

  it.each([
    [
      'a SecretId without a SecretKey',
      { TENCENTCLOUD_SECRET_ID: KEYS.TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_VOD_SUB_APP_ID: '1' },
      /TENCENTCLOUD_SECRET_KEY: is required with TENCENTCLOUD_SECRET_ID/,
    ],
    [
      'a SecretKey without a SecretId',
      { TENCENTCLOUD_SECRET_KEY: KEYS.TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_VOD_SUB_APP_ID: '1' },
      /TENCENTCLOUD_SECRET_ID: is required with TENCENTCLOUD_SECRET_KEY/,
    ],
    [
      'a session token without keys',
      { TENCENTCLOUD_SESSION_TOKEN: 'token' },
      /TENCENTCLOUD_SESSION_TOKEN: needs TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/,
    ],
    ['keys without the application id', { ...KEYS }, /TENCENTCLOUD_VOD_SUB_APP_ID: is required when Tencent Cloud is configured/],
    [
      'application id 0',
      { ...CONFIGURED, TENCENTCLOUD_VOD_SUB_APP_ID: '0' },
      /TENCENTCLOUD_VOD_SUB_APP_ID: must be an integer of at least 1/,
    ],
    [
      'a non-numeric application id',
      { ...CONFIGURED, TENCENTCLOUD_VOD_SUB_APP_ID: '12abc' },
      /TENCENTCLOUD_VOD_SUB_APP_ID: must be an integer/,
    ],
    ['a malformed region', { ...CONFIGURED, TENCENTCLOUD_REGION: 'Guangzhou' }, /TENCENTCLOUD_REGION: must be a region name/],
    [
      'a malformed storage region',
      { ...CONFIGURED, TENCENTCLOUD_VOD_STORAGE_REGION: 'ap_chongqing' },
      /TENCENTCLOUD_VOD_STORAGE_REGION: must be a region name/,
    ],
    [
      'an endpoint that is not a URL',
      { ...CONFIGURED, TENCENTCLOUD_VOD_ENDPOINT: 'vod.tencentcloudapi.com' },
      /TENCENTCLOUD_VOD_ENDPOINT: must be a URL/,
    ],
    [
      'an endpoint with a path',
      { ...CONFIGURED, TENCENTCLOUD_VOD_ENDPOINT: 'https://vod.tencentcloudapi.com/v2' },
      /TENCENTCLOUD_VOD_ENDPOINT: must be an http\(s\) origin/,
    ],
    [
      'an ftp endpoint',
      { ...CONFIGURED, TENCENTCLOUD_VOD_ENDPOINT: 'ftp://vod.tencentcloudapi.com' },
      /TENCENTCLOUD_VOD_ENDPOINT: must be an http\(s\) origin/,
    ],
    [
      'an endpoint host the SDK would sign for another service',
      { ...CONFIGURED, TENCENTCLOUD_VOD_ENDPOINT: 'https://proxy.example.net' },
      /TENCENTCLOUD_VOD_ENDPOINT: must name a host starting with "vod."/,
    ],
    [
      'a procedure with a comma',
      { ...CONFIGURED, TENCENTCLOUD_VOD_PROCEDURE: 'a,b' },
      /TENCENTCLOUD_VOD_PROCEDURE: must be a task flow name/,
    ],
    [
      'an over-long allowlisted procedure',
      { ...CONFIGURED, TENCENTCLOUD_VOD_PROCEDURES: 'ok,x'.padEnd(80, 'x') },
      /TENCENTCLOUD_VOD_PROCEDURES: must be a comma-separated list of task flow names/,
    ],
    [
      'a negative class id',
      { ...CONFIGURED, TENCENTCLOUD_VOD_CLASS_ID: '-1' },
      /TENCENTCLOUD_VOD_CLASS_ID: must be an integer of at least 0/,
    ],
    [
      'a non-numeric allowlisted class id',
      { ...CONFIGURED, TENCENTCLOUD_VOD_CLASS_IDS: '1,two' },
      /TENCENTCLOUD_VOD_CLASS_IDS: must be a comma-separated list of integers/,
    ],
    [
      'a signature TTL above 90 days',
      { ...CONFIGURED, TENCENTCLOUD_VOD_SIGNATURE_TTL_SECONDS: '7776001' },
      /TENCENTCLOUD_VOD_SIGNATURE_TTL_SECONDS: must be an integer from 60 to 7776000/,
    ],
    [
      'a request timeout below 100 ms',
      { ...CONFIGURED, TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '10' },
      /TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: must be an integer from 100/,
    ],
    [
      'a largest file size of 0 bytes',
      { ...CONFIGURED, TENCENTCLOUD_VOD_MAX_FILE_SIZE: '0' },
      /TENCENTCLOUD_VOD_MAX_FILE_SIZE: must be an integer from 1/,
    ],
    [
      'a fractional largest file size',
      { ...CONFIGURED, TENCENTCLOUD_VOD_MAX_FILE_SIZE: '1.5' },
      /TENCENTCLOUD_VOD_MAX_FILE_SIZE: must be an integer from 1/,
    ],
    [
      'a longest duration of 0 seconds',
      { ...CONFIGURED, TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: '0' },
      /TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: must be an integer of at least 1/,
    ],
    [
      'a longest duration that is not a number',
      { ...CONFIGURED, TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: '10m' },
      /TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: must be an integer of at least 1/,
    ],
    [
      'a malformed boolean',
      { ...CONFIGURED, TENCENTCLOUD_VOD_SIGNATURE_ONE_TIME: 'sometimes' },
      /TENCENTCLOUD_VOD_SIGNATURE_ONE_TIME: must be true or false/,
    ],
  ])('refuses %s', (_case, env, rule) => {
    expect(configProblemsOf(env)).toMatch(rule);
  });

  it('accepts the emulator on a loopback address or localhost outside production', () => {
    for (const origin of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(tencentOf({ ...CONFIGURED, TENCENTCLOUD_VOD_ENDPOINT: origin })).toMatchObject({ vod: { endpoint: origin } });
    }
  });

  it('requires https and refuses placeholder secrets in production, never printing a value', () => {
    const message = configProblemsOf({
      ...PRODUCTION,
      ...CONFIGURED,
      TENCENTCLOUD_SECRET_KEY: 'your-secret-key-goes-here',
      TENCENTCLOUD_VOD_ENDPOINT: 'http://vod.tencentcloudapi.com',
    });
    expect(message).toMatch(/TENCENTCLOUD_SECRET_KEY: holds a placeholder value/);
    expect(message).toMatch(/TENCENTCLOUD_VOD_ENDPOINT: must use https in production/);
    expect(message).not.toContain('your-secret-key-goes-here');
    expect(tencentOf({ ...PRODUCTION, ...CONFIGURED }).enabled).toBe(true);
  });

  it('reads the secret key from a file like every secret', () => {
    expect(configProblemsOf({ ...CONFIGURED, TENCENTCLOUD_SECRET_KEY_FILE: '/nonexistent/key' })).toMatch(
      /TENCENTCLOUD_SECRET_KEY: set either TENCENTCLOUD_SECRET_KEY or TENCENTCLOUD_SECRET_KEY_FILE/,
    );
  });

  describe('with region profiles', () => {
    const profileOf = (env: Record<string, string | undefined>, profile: string) =>
      loadConfig(env, TENCENT_CONFIGS).regions.profiles[profile].providers.tencent as EnabledTencentConfig;

    it('gives each profile its sub-application, storage region and, when set, its own SecretId/SecretKey', () => {
      const env = {
        REGIONS: 'cn,intl',
        ...CONFIGURED,
        TENCENTCLOUD_SESSION_TOKEN: 'shared-session-token',
        TENCENTCLOUD_VOD_SUB_APP_ID__INTL: '1500000002',
        TENCENTCLOUD_VOD_STORAGE_REGION__INTL: 'ap-singapore',
        TENCENTCLOUD_SECRET_ID__INTL: 'intl-secret-id',
        TENCENTCLOUD_SECRET_KEY__INTL: 'intl-secret-key',
      };
      expect(profileOf(env, 'cn').vod).toMatchObject({ subAppId: 1500000001, storageRegion: undefined });
      expect(profileOf(env, 'cn').credentials.sessionToken).toBe('shared-session-token');
      expect(profileOf(env, 'intl').vod).toMatchObject({ subAppId: 1500000002, storageRegion: 'ap-singapore' });
      expect(profileOf(env, 'intl').credentials).toEqual({
        secretId: 'intl-secret-id',
        secretKey: 'intl-secret-key',
        sessionToken: undefined,
      });
    });

    it('refuses a profile that sets half a SecretId/SecretKey pair, naming the missing variable', () => {
      expect(configProblemsOf({ REGIONS: 'cn,intl', ...CONFIGURED, TENCENTCLOUD_SECRET_KEY__INTL: 'intl-secret-key' })).toMatch(
        /TENCENTCLOUD_SECRET_ID__INTL: must be set with TENCENTCLOUD_SECRET_KEY__INTL: a profile's credential pair is one unit \(region profile intl\)/,
      );
    });
  });
});
