import { vod } from 'tencentcloud-sdk-nodejs-vod';
import { EmulatorServer } from '../core/emulator-server';
import { errorCode, vodSdkClient } from './testing/vod-sdk-client';
import { EMULATED_SUB_APP_ID, TencentVodEmulator } from './vod-emulator';

const KEY = { id: 'test-secret-id-emulator-spec', secret: 'emulator-spec-secret-key-0000' };
const SUB_APP_ID = EMULATED_SUB_APP_ID;

/** The real SDK, pointed at the emulator (the notes' loopback trick). */
const sdkClient = (url: string, credential = { secretId: KEY.id, secretKey: KEY.secret }) => vodSdkClient(url, credential);

describe(TencentVodEmulator.name, () => {
  let now = Date.now();
  let server: EmulatorServer;
  let emulator: TencentVodEmulator;
  let sdk: ReturnType<typeof sdkClient>;
  let url: string;

  beforeEach(async () => {
    now = Date.now();
    emulator = new TencentVodEmulator({ keys: [KEY], clock: () => now, certificateLifetimeSeconds: 60, commitGraceSeconds: 30 });
    server = new EmulatorServer([emulator]);
    url = await server.listen();
    sdk = sdkClient(url);
  });
  afterEach(async () => {
    sdk.close();
    await server.close();
  });

  it('applies and commits once, in the documented shapes', async () => {
    const applied = await sdk.client.ApplyUpload({ MediaType: 'MP4', CoverType: 'jpg', SubAppId: SUB_APP_ID, SourceContext: 'ctx' });
    expect(applied).toEqual({
      StorageBucket: expect.stringMatching(/^[0-9a-f]{12}-\d+$/),
      StorageRegion: 'ap-guangzhou',
      VodSessionKey: expect.any(String),
      MediaStoragePath: expect.stringMatching(/^\/1500000001\/[0-9a-f]+\/f0\.mp4$/),
      CoverStoragePath: expect.stringMatching(/cover\.jpg$/),
      TempCertificate: {
        SecretId: expect.any(String),
        SecretKey: expect.any(String),
        Token: expect.any(String),
        ExpiredTime: Math.floor(now / 1000) + 60,
      },
      RequestId: expect.any(String),
    });
    const committed = await sdk.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: SUB_APP_ID });
    expect(committed).toEqual({
      FileId: expect.stringMatching(/^\d{18,19}$/),
      MediaUrl: expect.stringMatching(/^http:\/\/1500000001\.vod2\.myqcloud\.com\/.+\/f0\.mp4$/),
      CoverUrl: expect.stringMatching(/\.jpg$/),
      RequestId: expect.any(String),
    });
    expect(await errorCode(sdk.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: SUB_APP_ID }))).toBe(
      'InvalidParameterValue.VodSessionKey',
    );
    expect(server.calls('tencent-vod', 'CommitUpload')).toBe(2);
  });

  it('answers errors with HTTP 200 and the Response.Error envelope', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'x-tc-action': 'ApplyUpload' }, body: '{}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      Response: { Error: { Code: 'AuthFailure.InvalidAuthorization', Message: expect.any(String) }, RequestId: expect.any(String) },
    });
  });

  it.each([
    ['another SecretKey', { secretId: KEY.id, secretKey: 'wrong-secret' }, 'AuthFailure.SignatureFailure'],
    ['an unknown SecretId', { secretId: 'AKIDunknown', secretKey: KEY.secret }, 'AuthFailure.SecretIdNotFound'],
  ])('refuses a request signed with %s', async (_case, credential, code) => {
    const other = sdkClient(url, credential);
    try {
      expect(await errorCode(other.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID }))).toBe(code);
    } finally {
      other.close();
    }
  });

  it('refuses a request whose timestamp is more than five minutes off', async () => {
    now += 301_000;
    expect(await errorCode(sdk.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID }))).toBe('AuthFailure.SignatureExpire');
  });

  it.each([
    ['no MediaType', {}, 'MissingParameter'],
    ['an unsupported MediaType', { MediaType: 'exe' }, 'InvalidParameterValue.MediaType'],
    ['an unsupported CoverType', { MediaType: 'mp4', CoverType: 'svg' }, 'InvalidParameterValue.CoverType'],
    ['an ExpireTime that is not ISO 8601', { MediaType: 'mp4', ExpireTime: 'tomorrow' }, 'InvalidParameterValue.ExpireTime'],
    ['an ExpireTime in the past', { MediaType: 'mp4', ExpireTime: '2020-01-01T00:00:00Z' }, 'InvalidParameter.ExpireTime'],
    ['a SourceContext over 250 characters', { MediaType: 'mp4', SourceContext: 'x'.repeat(251) }, 'InvalidParameterValue'],
    [
      'a SessionContext over 1000 characters',
      { MediaType: 'mp4', SessionContext: 'x'.repeat(1001) },
      'InvalidParameterValue.SessionContextTooLong',
    ],
    ['an unknown parameter', { MediaType: 'mp4', Colour: 'red' }, 'UnknownParameter'],
  ])('refuses ApplyUpload with %s', async (_case, params, code) => {
    expect(await errorCode(sdk.client.request('ApplyUpload', { SubAppId: SUB_APP_ID, ...params }))).toBe(code);
  });

  it.each([[undefined], [42]])('refuses SubAppId %j', async (subAppId) => {
    expect(await errorCode(sdk.client.ApplyUpload({ MediaType: 'mp4', SubAppId: subAppId }))).toBe('InvalidParameterValue.SubAppId');
  });

  it('refuses an unknown session key and one committed after its grace period', async () => {
    expect(await errorCode(sdk.client.CommitUpload({ VodSessionKey: 'made-up', SubAppId: SUB_APP_ID }))).toBe(
      'InvalidParameterValue.VodSessionKey',
    );
    const applied = await sdk.client.ApplyUpload({ MediaType: 'mp3', SubAppId: SUB_APP_ID });
    now += (60 + 31) * 1000; // past certificate and grace, still within the signature's clock skew
    expect(await errorCode(sdk.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: SUB_APP_ID }))).toBe(
      'InvalidParameterValue.VodSessionKey',
    );
  });

  it('answers injected faults as Tencent does', async () => {
    server.faults.inject({ kind: 'throttle', provider: 'tencent-vod', times: 1 });
    server.faults.inject({ kind: 'server-error', provider: 'tencent-vod', times: 1 });
    expect(await errorCode(sdk.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID }))).toBe('RequestLimitExceeded');
    expect(await errorCode(sdk.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID }))).toBe('InternalError');
  });

  it('answers an armed error once, for its operation only', async () => {
    emulator.failNext('ApplyUpload', 'InvalidParameterValue.MediaType');
    expect(await errorCode(sdk.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID }))).toBe('InvalidParameterValue.MediaType');
    expect((await sdk.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID })).VodSessionKey).toBeDefined();
  });

  it('answers unknown actions and versions as Tencent does', async () => {
    expect(await errorCode(sdk.client.request('DescribeStorageData', { SubAppId: SUB_APP_ID }))).toBe('InvalidAction');
    const v2024 = new vod.v20240718.Client({
      credential: { secretId: KEY.id, secretKey: KEY.secret },
      region: 'ap-guangzhou',
      profile: { httpProfile: { endpoint: `vod.tencentcloudapi.com:${new URL(url).port}`, protocol: 'http://', agent: sdk.agent } },
    });
    expect(await errorCode(v2024.request('ApplyUpload', { MediaType: 'mp4', SubAppId: SUB_APP_ID }))).toBe('NoSuchVersion');
  });
});
