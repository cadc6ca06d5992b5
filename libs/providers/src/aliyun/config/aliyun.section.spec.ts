import { loadConfig } from '@app/config';
import { ALIYUN_CONFIGS } from '../testing/aliyun-config';
import type { AliyunConfig } from './aliyun.env';
import { parseEndpoint } from './product-settings';
import { configProblems, testKey } from '@app/testing';

/** The aliyun settings `env` builds, with this provider registered. */
const aliyunOf = (env: Record<string, string | undefined>) => loadConfig(env, ALIYUN_CONFIGS).providers.aliyun as AliyunConfig;
const configProblemsOf = (env: Record<string, string | undefined>) => configProblems(env, ALIYUN_CONFIGS);

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: 'k3Jq9vYzP0wR7tLm2sXc8bNf4hGd6aEu',
  REDIS_URL: 'redis://cache.internal:6379',
  CACHE_ENCRYPTION_KEY: testKey(3),
};
const KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-access-key-id-for-spec',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'test-access-key-secret-for-spec',
};

describe('aliyun configuration section', () => {
  it('leaves both products unconfigured when nothing is set, in production too', () => {
    expect(aliyunOf({})).toEqual({
      connectTimeoutMs: 3000,
      readTimeoutMs: 10000,
      credentials: undefined,
      vod: undefined,
      ims: undefined,
    });
    expect(aliyunOf(PRODUCTION).vod).toBeUndefined();
  });

  it('does not configure anything from keys alone (another tool may share the environment)', () => {
    const sut = aliyunOf(KEYS);
    expect(sut.credentials).toBeUndefined();
    expect(sut.vod).toBeUndefined();
  });

  it('configures VOD from a region and an AccessKey pair, with the regional endpoint and defaults', () => {
    const sut = aliyunOf({ ...KEYS, ALIBABA_CLOUD_VOD_REGION: 'cn-beijing' });
    expect(sut.credentials).toEqual({
      kind: 'accessKey',
      accessKeyId: KEYS.ALIBABA_CLOUD_ACCESS_KEY_ID,
      accessKeySecret: KEYS.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      securityToken: undefined,
    });
    expect(sut.vod).toMatchObject({
      region: 'cn-beijing',
      endpoint: { protocol: 'https', host: 'vod.cn-beijing.aliyuncs.com' },
      templateGroupIds: [],
      cateIds: [],
      maxVideoFileSize: 10 * 1024 ** 3,
      maxAttachedMediaFileSize: 1024 ** 3,
      maxImageFileSize: 20 * 1024 ** 2,
      maxVideoDurationSeconds: undefined,
    });
    expect(sut.ims).toBeUndefined();
  });

  it('takes the limits of what may arrive: image size, and durations that are unlimited unless set', () => {
    const sut = aliyunOf({
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_IMS_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: '1048576',
      ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS: '600',
      ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS: '',
    });
    expect(sut.vod).toMatchObject({ maxImageFileSize: 1048576, maxVideoDurationSeconds: 600 });
    expect(sut.ims?.maxDurationSeconds).toBeUndefined();
    expect(aliyunOf({ ...KEYS, ALIBABA_CLOUD_IMS_REGION: 'cn-beijing', ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS: '90' }).ims).toMatchObject({
      maxDurationSeconds: 90,
    });
  });

  it.each(['0', '-5', '1.5', 'ten', '9999999999999'])('refuses the duration limit %s, naming the variable', (value) => {
    const problems = configProblemsOf({
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_IMS_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS: value,
      ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS: value,
    });
    expect(problems).toMatch(/ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS: must be a whole number of seconds/);
    expect(problems).toMatch(/ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS: must be a whole number of seconds/);
  });

  it('refuses an image size limit of 0', () => {
    expect(configProblemsOf({ ...KEYS, ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai', ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: '0' })).toMatch(
      /ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: must be an integer from 1/,
    );
  });

  it('sets the IMS endpoint explicitly per region instead of the central one', () => {
    const sut = aliyunOf({ ...KEYS, ALIBABA_CLOUD_IMS_REGION: 'cn-shenzhen' });
    expect(sut.ims?.endpoint).toEqual({ protocol: 'https', host: 'ice.cn-shenzhen.aliyuncs.com' });
  });

  it('refuses an IMS region where CreateUploadMedia is not offered, naming the variable', () => {
    expect(configProblemsOf({ ...KEYS, ALIBABA_CLOUD_IMS_REGION: 'ap-southeast-1' })).toMatch(
      /ALIBABA_CLOUD_IMS_REGION: must be one of cn-shanghai, cn-beijing, cn-shenzhen/,
    );
  });

  it('accepts callback keys with their URL, refuses a key without one, and in production a URL without a key', () => {
    const vod = {
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_CALLBACK_URL: 'https://bff.example.com/v1/events/aliyun-vod',
    };
    expect(
      aliyunOf({ ...vod, ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: 'NewKey1', ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS: 'OldKey0' }).vod,
    ).toMatchObject({
      callbackAuthKeys: ['NewKey1', 'OldKey0'],
    });
    expect(aliyunOf(vod).vod?.callbackAuthKeys).toEqual([]);
    expect(configProblemsOf({ ...KEYS, ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai', ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: 'Key1' })).toMatch(
      /ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: needs ALIBABA_CLOUD_VOD_CALLBACK_URL/,
    );
    expect(configProblemsOf({ ...vod, ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: 'not a key!' })).toMatch(
      /ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: must be 1-32 letters and digits/,
    );
    expect(configProblemsOf({ ...PRODUCTION, ...vod })).toMatch(/ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: is required in production/);
  });

  it('wants an AuthKey of at least 16 characters in production (Alibaba takes one), any length elsewhere', () => {
    const vod = { ...KEYS, ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai', ALIBABA_CLOUD_VOD_CALLBACK_URL: 'https://hooks.example.com/vod' };
    const short = { ...vod, ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: 'k3Jq9vYzP0wR7tL', ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS: 'a' };
    const problems = configProblemsOf({ ...PRODUCTION, ...short });
    expect(problems).toMatch(/ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: must be at least 16 characters in production/);
    expect(problems).toMatch(/ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS: must be at least 16 characters in production/);
    expect(problems).not.toContain('k3Jq9vYzP0wR7tL');
    expect(aliyunOf(short).vod?.callbackAuthKeys).toEqual(['k3Jq9vYzP0wR7tL', 'a']);
    expect(aliyunOf({ ...PRODUCTION, ...vod, ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: 'k3Jq9vYzP0wR7tLm' }).vod?.callbackAuthKeys).toHaveLength(
      1,
    );
  });

  it('translates a full endpoint URL into protocol and host:port (the emulator)', () => {
    const sut = aliyunOf({
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_ENDPOINT: 'http://127.0.0.1:4000',
    });
    expect(sut.vod?.endpoint).toEqual({ protocol: 'http', host: '127.0.0.1:4000' });
  });

  it.each([
    ['vod.cn-shanghai.aliyuncs.com', { protocol: 'https', host: 'vod.cn-shanghai.aliyuncs.com' }],
    ['vod-vpc.cn-shanghai.aliyuncs.com:443', { protocol: 'https', host: 'vod-vpc.cn-shanghai.aliyuncs.com:443' }],
    ['https://ice.cn-beijing.aliyuncs.com/', { protocol: 'https', host: 'ice.cn-beijing.aliyuncs.com' }],
    ['http://localhost:8080', { protocol: 'http', host: 'localhost:8080' }],
    ['ftp://x.example.com', undefined],
    ['http://x.example.com/path', undefined],
    ['not a host', undefined],
  ])('parses the endpoint %s', (raw, expected) => {
    expect(parseEndpoint(raw)).toEqual(expected);
  });

  it('refuses an http endpoint and callback URL in production', () => {
    const message = configProblemsOf({
      ...PRODUCTION,
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_ENDPOINT: 'http://vod.internal:80',
      ALIBABA_CLOUD_VOD_CALLBACK_URL: 'http://hooks.internal/vod',
    });
    expect(message).toMatch(/ALIBABA_CLOUD_VOD_ENDPOINT: must use https in production/);
    expect(message).toMatch(/ALIBABA_CLOUD_VOD_CALLBACK_URL: must use https in production/);
  });

  it('needs credentials once a product is configured, and accepts the default chain on opt-in', () => {
    expect(configProblemsOf({ ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai' })).toMatch(
      /ALIBABA_CLOUD_ACCESS_KEY_ID: is required with ALIBABA_CLOUD_VOD_REGION/,
    );
    const sut = aliyunOf({ ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai', ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS: 'true' });
    expect(sut.credentials).toEqual({ kind: 'defaultChain' });
  });

  it('refuses half a key pair, a lone token, and two credential sources', () => {
    const region = { ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai' };
    expect(configProblemsOf({ ...region, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIabc' })).toMatch(
      /ALIBABA_CLOUD_ACCESS_KEY_SECRET: must be set together/,
    );
    expect(configProblemsOf({ ...region, ALIBABA_CLOUD_SECURITY_TOKEN: 'CAIS', ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS: 'true' })).toMatch(
      /ALIBABA_CLOUD_SECURITY_TOKEN: needs ALIBABA_CLOUD_ACCESS_KEY_ID/,
    );
    expect(configProblemsOf({ ...region, ...KEYS, ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS: 'true' })).toMatch(/choose one source/);
  });

  it('carries an STS token with the pair', () => {
    const sut = aliyunOf({ ...KEYS, ALIBABA_CLOUD_SECURITY_TOKEN: 'CAISsts', ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai' });
    expect(sut.credentials).toMatchObject({ kind: 'accessKey', securityToken: 'CAISsts' });
  });

  it('refuses product settings without the product region', () => {
    expect(configProblemsOf({ ...KEYS, ALIBABA_CLOUD_VOD_APP_ID: 'app-1000000' })).toMatch(
      /ALIBABA_CLOUD_VOD_REGION: is required when other/,
    );
    expect(configProblemsOf({ ...KEYS, ALIBABA_CLOUD_IMS_WORKFLOW_IDS: 'abc' })).toMatch(
      /ALIBABA_CLOUD_IMS_REGION: is required when other/,
    );
  });

  it('reads allowlists and refuses malformed entries', () => {
    const sut = aliyunOf({
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS: 'tg1, tg2',
      ALIBABA_CLOUD_VOD_CATE_IDS: '1000036, 42',
    });
    expect(sut.vod).toMatchObject({ templateGroupIds: ['tg1', 'tg2'], cateIds: [1000036, 42] });
    const message = configProblemsOf({
      ...KEYS,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_CATE_IDS: '12,abc',
      ALIBABA_CLOUD_VOD_WORKFLOW_IDS: 'ok,has space',
      ALIBABA_CLOUD_VOD_APP_ID: 'application-1',
    });
    expect(message).toMatch(/ALIBABA_CLOUD_VOD_CATE_IDS: each entry must be a positive integer/);
    expect(message).toMatch(/ALIBABA_CLOUD_VOD_WORKFLOW_IDS: each entry must be/);
    expect(message).toMatch(/ALIBABA_CLOUD_VOD_APP_ID: must look like app-1000000/);
  });

  it('keeps the callback URL short enough for UserData', () => {
    const long = `https://hooks.example.com/${'a'.repeat(400)}`;
    expect(configProblemsOf({ ...KEYS, ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai', ALIBABA_CLOUD_VOD_CALLBACK_URL: long })).toMatch(
      /ALIBABA_CLOUD_VOD_CALLBACK_URL: must be at most 400 bytes/,
    );
  });

  it('refuses placeholder keys in production and never prints them', () => {
    const message = configProblemsOf({
      ...PRODUCTION,
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'your-access-key-id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'change-me-secret',
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
    });
    expect(message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_SECRET: holds a placeholder value/);
    expect(message).not.toContain('change-me-secret');
  });

  it('bounds the timeouts and the file size maxima', () => {
    expect(configProblemsOf({ ALIBABA_CLOUD_READ_TIMEOUT_MS: '5' })).toMatch(/ALIBABA_CLOUD_READ_TIMEOUT_MS: must be an integer from 100/);
    expect(configProblemsOf({ ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE: '0' })).toMatch(
      /ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE: must be an integer from 1/,
    );
  });

  describe('with region profiles', () => {
    const profileOf = (env: Record<string, string | undefined>, profile: string) =>
      loadConfig(env, ALIYUN_CONFIGS).regions.profiles[profile].providers.aliyun as AliyunConfig;
    const TWO = { REGIONS: 'cn,intl', ...KEYS, ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai', ALIBABA_CLOUD_VOD_REGION__INTL: 'ap-southeast-1' };

    it('gives each profile its own region and endpoint, and an own AccessKey pair (never the shared STS token)', () => {
      const env = {
        ...TWO,
        ALIBABA_CLOUD_SECURITY_TOKEN: 'shared-sts-token',
        ALIBABA_CLOUD_ACCESS_KEY_ID__INTL: 'intl-access-key-id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET__INTL: 'intl-access-key-secret',
      };
      expect(profileOf(env, 'cn').vod).toMatchObject({ region: 'cn-shanghai', endpoint: { host: 'vod.cn-shanghai.aliyuncs.com' } });
      expect(profileOf(env, 'cn').credentials).toMatchObject({
        accessKeyId: KEYS.ALIBABA_CLOUD_ACCESS_KEY_ID,
        securityToken: 'shared-sts-token',
      });
      expect(profileOf(env, 'intl').vod).toMatchObject({ region: 'ap-southeast-1', endpoint: { host: 'vod.ap-southeast-1.aliyuncs.com' } });
      expect(profileOf(env, 'intl').credentials).toEqual({
        kind: 'accessKey',
        accessKeyId: 'intl-access-key-id',
        accessKeySecret: 'intl-access-key-secret',
        securityToken: undefined,
      });
    });

    it('refuses a profile that sets half an AccessKey pair, naming the missing variable', () => {
      const message = configProblemsOf({ ...TWO, ALIBABA_CLOUD_ACCESS_KEY_ID__INTL: 'intl-access-key-id' });
      expect(message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_SECRET__INTL: must be set with ALIBABA_CLOUD_ACCESS_KEY_ID__INTL/);
      expect(message).toMatch(/\(region profile intl\)/);
    });

    it("names a profile's bad setting with its suffix and the profile", () => {
      expect(configProblemsOf({ ...TWO, ALIBABA_CLOUD_VOD_REGION__INTL: 'mars' })).toMatch(
        /ALIBABA_CLOUD_VOD_REGION__INTL: must be a region id such as cn-shanghai \(region profile intl\)/,
      );
    });
  });
});
