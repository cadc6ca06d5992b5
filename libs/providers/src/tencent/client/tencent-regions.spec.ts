import { MetricsService } from '@app/common';
import { randomBytes } from 'node:crypto';
import { EMULATED_SUB_APP_ID, type RunningEmulator, startEmulator } from '@app/emulator';
import { MemoryStore } from '@app/store';
import { UpstreamBudget, UpstreamCall } from '@app/upstream';
import { tencentConfig } from '../testing/tencent-config';
import { APPLY_UPLOAD } from './operations/vod.operations';
import { TencentClient } from './tencent.client';
import { TencentUploadSigner } from './tencent-upload-signer';
import { signUploadSignature } from './upload-signature';

const keyPair = () => ({ id: `sid-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') });

/** One SDK client per region profile, and signatures signed with the profile's key pair. */
describe(`${TencentClient.name} and ${TencentUploadSigner.name} with region profiles`, () => {
  const keys = { cn: keyPair(), intl: keyPair() };
  let cn: RunningEmulator;
  let intl: RunningEmulator;
  let config: ReturnType<typeof tencentConfig>;
  let sut: TencentClient;

  beforeAll(async () => {
    // Each emulator knows only its own account's key pair: a call signed with the other is refused there.
    [cn, intl] = await Promise.all([startEmulator({ tencentKeys: [keys.cn] }), startEmulator({ tencentKeys: [keys.intl] })]);
    config = tencentConfig({
      REGIONS: 'cn,intl',
      TENCENTCLOUD_SECRET_ID: keys.cn.id,
      TENCENTCLOUD_SECRET_KEY: keys.cn.secret,
      TENCENTCLOUD_SECRET_ID__INTL: keys.intl.id,
      TENCENTCLOUD_SECRET_KEY__INTL: keys.intl.secret,
      TENCENTCLOUD_VOD_ENDPOINT: cn.url,
      TENCENTCLOUD_VOD_ENDPOINT__INTL: intl.url,
      TENCENTCLOUD_VOD_SUB_APP_ID: String(EMULATED_SUB_APP_ID),
    });
    sut = new TencentClient(config, new UpstreamCall(new UpstreamBudget(new MemoryStore('t:'), config), config, new MetricsService()));
  });
  afterAll(async () => {
    sut.onApplicationShutdown();
    await Promise.all([cn.close(), intl.close()]);
  });

  const applies = () => ({ cn: cn.server.calls('tencent-vod', 'ApplyUpload'), intl: intl.server.calls('tencent-vod', 'ApplyUpload') });
  const apply = { MediaType: 'mp4', SubAppId: EMULATED_SUB_APP_ID };

  it("sends a call to its region's endpoint signed with its region's key pair, the default profile's without a region", async () => {
    const before = applies();
    await sut.call(APPLY_UPLOAD, apply, { region: 'intl' });
    expect(applies()).toEqual({ cn: before.cn, intl: before.intl + 1 });
    await sut.call(APPLY_UPLOAD, apply);
    expect(applies()).toEqual({ cn: before.cn + 1, intl: before.intl + 1 });
  });

  it("signs a client upload signature with the region's SecretId and SecretKey", () => {
    const fields = { currentTimeStamp: 1_700_000_000, expireTime: 1_700_001_800, random: 7 };
    const signer = new TencentUploadSigner(config);
    expect(signer.sign(fields, 'intl')).toBe(signUploadSignature(keys.intl.secret, { ...fields, secretId: keys.intl.id }));
    expect(signer.sign(fields)).toBe(signUploadSignature(keys.cn.secret, { ...fields, secretId: keys.cn.id }));
  });
});
