import { MetricsService } from '@app/common';
import type { ConfigService } from '@app/config';
import { randomBytes } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@app/emulator';
import { MemoryStore } from '@app/store';
import { UpstreamBudget, UpstreamCall } from '@app/upstream';
import { aliyunConfig } from '../testing/aliyun-config';
import { AliyunClient } from './aliyun.client';
import { CREATE_UPLOAD_VIDEO } from './operations/vod.operations';

const keyPair = () => ({ id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') });

/** One client per region profile, built at start: each profile's endpoint, region and AccessKey. */

const upstreamOf = (config: ConfigService) =>
  new UpstreamCall(new UpstreamBudget(new MemoryStore('t:'), config), config, new MetricsService());
describe(`${AliyunClient.name} with region profiles`, () => {
  const keys = { cn: keyPair(), intl: keyPair() };
  let cn: RunningEmulator;
  let intl: RunningEmulator;
  let sut: AliyunClient;

  beforeAll(async () => {
    // Each emulator knows only its own account's key: a call signed with the other one is refused there.
    [cn, intl] = await Promise.all([startEmulator({ aliyunKeys: [keys.cn] }), startEmulator({ aliyunKeys: [keys.intl] })]);
    const config = aliyunConfig(env());
    sut = new AliyunClient(config, upstreamOf(config));
  });
  afterAll(() => Promise.all([cn.close(), intl.close()]));

  const env = () => ({
    REGIONS: 'cn,intl',
    ALIBABA_CLOUD_ACCESS_KEY_ID: keys.cn.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.cn.secret,
    ALIBABA_CLOUD_ACCESS_KEY_ID__INTL: keys.intl.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET__INTL: keys.intl.secret,
    ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_VOD_REGION__INTL: 'ap-southeast-1',
    ALIBABA_CLOUD_VOD_ENDPOINT: cn.url,
    ALIBABA_CLOUD_VOD_ENDPOINT__INTL: intl.url,
  });

  const creates = () => ({
    cn: cn.server.calls('aliyun-vod', 'CreateUploadVideo'),
    intl: intl.server.calls('aliyun-vod', 'CreateUploadVideo'),
  });

  it("sends a call to its region's endpoint with its region's key, and the default profile's without a region", async () => {
    const before = creates();
    await sut.call(CREATE_UPLOAD_VIDEO, { title: 'Intl', fileName: 'a.mp4' }, { region: 'intl' });
    expect(creates()).toEqual({ cn: before.cn, intl: before.intl + 1 });
    await sut.call(CREATE_UPLOAD_VIDEO, { title: 'Default', fileName: 'a.mp4' });
    await sut.call(CREATE_UPLOAD_VIDEO, { title: 'Cn', fileName: 'a.mp4' }, { region: 'cn' });
    expect(creates()).toEqual({ cn: before.cn + 2, intl: before.intl + 1 });
  });

  it("spends each region's own budget: one used up answers 503 at once, the other's is whole", async () => {
    // One call a second in each region, and no waiting for a token: a second call in a region is refused at once.
    const config = aliyunConfig({ ...env(), UPSTREAM_BUDGET_ALIYUN_VOD_PER_SECOND: '1', UPSTREAM_BUDGET_MAX_WAIT_MS: '0' });
    const client = new AliyunClient(config, upstreamOf(config));
    const video = { title: 'Budget', fileName: 'a.mp4' };
    await client.call(CREATE_UPLOAD_VIDEO, video, { region: 'cn' });
    await expect(client.call(CREATE_UPLOAD_VIDEO, video, { region: 'cn' })).rejects.toMatchObject({ code: 'UPSTREAM_BUSY' });
    await client.call(CREATE_UPLOAD_VIDEO, video, { region: 'intl' });
    await expect(client.call(CREATE_UPLOAD_VIDEO, video, { region: 'intl' })).rejects.toMatchObject({ code: 'UPSTREAM_BUSY' });
  });

  it('observes every call in upload_bff_upstream_call_duration_seconds by provider, operation, outcome and region', async () => {
    const config = aliyunConfig(env());
    const metrics = new MetricsService();
    const client = new AliyunClient(config, new UpstreamCall(new UpstreamBudget(new MemoryStore('t:'), config), config, metrics));
    await client.call(CREATE_UPLOAD_VIDEO, { title: 'Seen', fileName: 'a.mp4' }, { region: 'intl' });
    await client.call(CREATE_UPLOAD_VIDEO, { title: 'Seen', fileName: 'a.mp4' });
    intl.server.faults.inject({ kind: 'denied', provider: 'aliyun-vod', operation: 'CreateUploadVideo', times: 1 });
    await expect(client.call(CREATE_UPLOAD_VIDEO, { title: 'Seen', fileName: 'a.mp4' }, { region: 'intl' })).rejects.toThrow();
    const series = 'upload_bff_upstream_call_duration_seconds_count{provider="aliyun-vod",operation="CreateUploadVideo",';
    const counts = (await metrics.render()).split('\n').filter((line) => line.startsWith(series));
    expect(counts.sort()).toEqual([
      `${series}outcome="ok",region="cn"} 1`,
      `${series}outcome="ok",region="intl"} 1`,
      `${series}outcome="provider",region="intl"} 1`,
    ]);
  });

  it('answers 501 for a region that is no profile (an upload recorded in one removed from REGIONS since), calling nobody', async () => {
    const before = creates();
    await expect(sut.call(CREATE_UPLOAD_VIDEO, { title: 'Mars', fileName: 'a.mp4' }, { region: 'mars' })).rejects.toMatchObject({
      status: 501,
      code: 'PROVIDER_NOT_CONFIGURED',
    });
    expect(creates()).toEqual(before);
  });

  it('answers 501 for a product the region does not offer', async () => {
    const config = aliyunConfig({
      REGIONS: 'cn,intl',
      ALIBABA_CLOUD_ACCESS_KEY_ID: keys.cn.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.cn.secret,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_REGION__INTL: '',
      ALIBABA_CLOUD_VOD_ENDPOINT__INTL: '',
      ALIBABA_CLOUD_VOD_ENDPOINT: cn.url,
    });
    const client = new AliyunClient(config, upstreamOf(config));
    await expect(client.call(CREATE_UPLOAD_VIDEO, { title: 'Off', fileName: 'a.mp4' }, { region: 'intl' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
    });
  });
});
