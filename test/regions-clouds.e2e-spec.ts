import { signAliyunCallback } from '@app/emulator';
import { decodeBase64Json, post } from './support/aliyun-test-env';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { decodeUploadSignature, tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { until } from './support/until';

const VIDEO = { title: 'Regions', fileName: 'clip.mp4' };

/** Every setting of a cloud's environment as a profile's own (`NAME__INTL`). */
const asProfile = (env: Record<string, string>, suffix: string) =>
  Object.fromEntries(Object.entries(env).map(([name, value]) => [`${name}__${suffix}`, value]));

/**
 * Two regions on two emulator instances, each its own account (keys), endpoint and callback AuthKey: a user
 * of `intl` is served entirely by the second one, a user without a claim by the first, and neither region's
 * callbacks or budget touch the other's.
 */
describe('Region profiles on two clouds (end to end)', () => {
  let cn: EventfulCloud;
  let intl: EventfulCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cn = await startEventfulCloud();
    intl = await startEventfulCloud({ port: cn.port, aliyunRegion: 'ap-southeast-1' });
    sut = await startTestApp({
      redis: true,
      port: cn.port,
      env: {
        ...cn.env,
        REGIONS: 'cn,intl',
        ...asProfile(intl.env, 'INTL'),
        ALIBABA_CLOUD_VOD_REGION__INTL: 'ap-southeast-1',
        // intl uploads go to the account's default storage in ap-southeast-1.
        ALIBABA_CLOUD_VOD_STORAGE_LOCATION__INTL: '',
      },
    });
  });
  afterAll(async () => {
    await sut?.close();
    await Promise.all([cn?.close(), intl?.close()]);
  });

  /** Calls of each operation on each cloud. */
  const calls = (...operations: [string, string][]) =>
    Object.fromEntries(
      operations.flatMap(([provider, operation]) => [
        [`cn ${operation}`, cn.emulator.server.calls(provider, operation)],
        [`intl ${operation}`, intl.emulator.server.calls(provider, operation)],
      ]),
    );
  const grew = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(Object.entries(after).flatMap(([name, count]) => (count > before[name] ? [[name, count - before[name]]] : [])));
  const VOD_OPERATIONS: [string, string][] = [
    'CreateUploadVideo',
    'RefreshUploadVideo',
    'GetVideoInfo',
    'GetMezzanineInfo',
    'DeleteVideo',
  ].map((operation) => ['aliyun-vod', operation]);
  const TENCENT_OPERATIONS: [string, string][] = ['ApplyUpload', 'CommitUpload', 'DescribeMediaInfos', 'DeleteMedia'].map((operation) => [
    'tencent-vod',
    operation,
  ]);
  const record = async (uploadId: string, user: string, region?: string) =>
    (await (await fetch(`${sut.url}/v1/uploads/${uploadId}`, { headers: sut.bearer(user, { region }) })).json()) as Record<string, unknown>;
  const createVideo = async (user: string, region?: string) => {
    const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer(user, { region }));
    expect(created.status).toBe(201);
    return created.body as { uploadId: string; videoId: string; uploadAddress: string };
  };

  it('creates, refreshes, calls back, verifies and revokes an intl user’s videos on the second cloud only', async () => {
    const before = calls(...VOD_OPERATIONS);
    const video = await createVideo('ines', 'intl');
    expect(decodeBase64Json(video.uploadAddress).Endpoint).toBe('https://oss-ap-southeast-1.aliyuncs.com');
    const refresh = await post(
      `${sut.url}/v1/uploads/aliyun-vod/videos/${video.videoId}/refresh`,
      undefined,
      sut.bearer('ines', { region: 'intl' }),
    );
    expect(refresh.status).toBe(200);
    // intl's emulator signs the callback with intl's AuthKey; the service verifies it as intl's and looks the video up there.
    expect((await intl.emulator.events.aliyunUploadCompleted('aliyun-vod', video.videoId, { size: 2048 }))?.statuses).toEqual([200]);
    expect(await record(video.uploadId, 'ines', 'intl')).toMatchObject({ status: 'uploaded', region: 'intl', size: 2048 });

    const revoked = await createVideo('ines', 'intl');
    expect((await fetch(`${sut.url}/v1/uploads/${revoked.uploadId}`, { method: 'DELETE', headers: sut.bearer('ines') })).status).toBe(204);
    expect(grew(before, calls(...VOD_OPERATIONS))).toEqual({
      'intl CreateUploadVideo': 2,
      'intl RefreshUploadVideo': 1,
      'intl GetVideoInfo': 1,
      'intl GetMezzanineInfo': 1,
      'intl DeleteVideo': 1,
    });
  });

  it('applies, commits and signs for an intl user on the second cloud, with intl’s key pair', async () => {
    const before = calls(...TENCENT_OPERATIONS);
    const deliveries = intl.emulator.events.deliveries.length;
    const api = tencentVodApi(sut, { region: 'intl' });
    const { uploadId } = (await (await api.apply('ines')).json()) as { uploadId: string };
    expect((await api.commit('ines', uploadId)).status).toBe(200);
    // The commit's NewFileUpload, PUSHed by intl's emulator with intl's token, is taken as intl's.
    await until(() => intl.emulator.events.deliveries.length > deliveries);
    expect(intl.emulator.events.deliveries.at(-1)?.statuses).toEqual([200]);
    expect(await record(uploadId, 'ines', 'intl')).toMatchObject({ status: 'uploaded', region: 'intl' });
    expect(grew(before, calls(...TENCENT_OPERATIONS))).toEqual({
      'intl ApplyUpload': 1,
      'intl CommitUpload': 1,
      'intl DescribeMediaInfos': expect.any(Number),
    });

    const signed = (await (await api.sign('ines')).json()) as { uploadId: string; signature: string };
    expect(decodeUploadSignature(signed.signature, intl.env.TENCENTCLOUD_SECRET_KEY)).toMatchObject({
      secretId: intl.env.TENCENTCLOUD_SECRET_ID,
    });
    // The session's next signature follows the upload's region, whatever the token says now.
    const next = (await (await tencentVodApi(sut).sign('ines', { uploadId: signed.uploadId })).json()) as { signature: string };
    expect(decodeUploadSignature(next.signature, intl.env.TENCENTCLOUD_SECRET_KEY)).toMatchObject({
      secretId: intl.env.TENCENTCLOUD_SECRET_ID,
    });
  });

  it('keeps a user without a region claim on the first cloud', async () => {
    const before = calls(...VOD_OPERATIONS);
    const video = await createVideo('carl');
    expect(decodeBase64Json(video.uploadAddress).Endpoint).toBe('https://oss-cn-shanghai.aliyuncs.com');
    expect((await cn.emulator.events.aliyunUploadCompleted('aliyun-vod', video.videoId))?.statuses).toEqual([200]);
    expect(await record(video.uploadId, 'carl')).toMatchObject({ status: 'uploaded', region: 'cn' });
    expect(grew(before, calls(...VOD_OPERATIONS))).toEqual({ 'cn CreateUploadVideo': 1, 'cn GetVideoInfo': 1, 'cn GetMezzanineInfo': 1 });
  });

  it('refuses region mars with 403 and calls neither cloud', async () => {
    const before = calls(...VOD_OPERATIONS, ...TENCENT_OPERATIONS);
    const response = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer('mars', { region: 'mars' }));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('REGION_NOT_ALLOWED');
    expect((await tencentVodApi(sut, { region: 'mars' }).apply('mars')).status).toBe(403);
    expect(calls(...VOD_OPERATIONS, ...TENCENT_OPERATIONS)).toEqual(before);
  });

  it('refuses a callback signed with one region’s AuthKey (or PUSHed with its token) about the other’s upload', async () => {
    const url = `${cn.serviceUrl}/v1/events/aliyun-vod`;
    const callback = (videoId: string, uploadId: string, key: string) => {
      const timestamp = Math.floor(Date.now() / 1000);
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-vod-timestamp': String(timestamp),
          'x-vod-signature': signAliyunCallback(url, timestamp, key),
        },
        body: JSON.stringify({
          EventType: 'FileUploadComplete',
          VideoId: videoId,
          Status: 'success',
          Size: 1,
          Extend: JSON.stringify({ uploadId }),
        }),
      });
    };
    const intlVideo = await createVideo('ines', 'intl');
    const cnVideo = await createVideo('carl');
    expect((await callback(intlVideo.videoId, intlVideo.uploadId, cn.secrets.vodAuthKey)).status).toBe(401);
    expect((await callback(cnVideo.videoId, cnVideo.uploadId, intl.secrets.vodAuthKey)).status).toBe(401);
    expect((await record(intlVideo.uploadId, 'ines')).status).toBe('issued');
    expect((await record(cnVideo.uploadId, 'carl')).status).toBe('issued');
    // Tencent: a PUSH with cn's token about an intl upload is as unknown as a wrong token, and applies nothing.
    const signed = (await (await tencentVodApi(sut, { region: 'intl' }).sign('ines')).json()) as { uploadId: string };
    const push = await post(`${cn.serviceUrl}/v1/events/tencent-vod/${cn.secrets.tencentToken}`, {
      EventType: 'NewFileUpload',
      FileUploadEvent: {
        FileId: '5285890784273530001',
        MediaBasicInfo: {
          MediaUrl: 'http://v.example.com/x.mp4',
          SourceInfo: { SourceContext: `uploadId=${signed.uploadId}&userId=ines` },
        },
      },
    });
    expect(push.status).toBe(404);
    expect((await record(signed.uploadId, 'ines')).status).toBe('issued');
    const metrics = await (await fetch(`${sut.url}/metrics`)).text();
    expect(metrics).toMatch(
      /upload_bff_events_total\{provider="aliyun-vod",type="FileUploadComplete",outcome="refused",region="intl"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /upload_bff_events_total\{provider="aliyun-vod",type="FileUploadComplete",outcome="applied",region="intl"\} [1-9]/,
    );
  });
});

/** Each region's upstream budget is its own: the one used up answers 503 at once, the other's is untouched. */
describe('Region profiles: independent upstream budgets (end to end)', () => {
  let cn: EventfulCloud;
  let intl: EventfulCloud;
  let sut: TestApp;

  beforeAll(async () => {
    [cn, intl] = await Promise.all([startEventfulCloud(), startEventfulCloud()]);
    sut = await startTestApp({
      redis: true,
      env: {
        ...cn.env,
        REGIONS: 'cn,intl',
        ...asProfile(intl.env, 'INTL'),
        // One CreateUploadVideo a second in each region, and no waiting for a token.
        UPSTREAM_BUDGET_ALIYUN_VOD_PER_SECOND: '1',
        UPSTREAM_BUDGET_MAX_WAIT_MS: '0',
      },
    });
  });
  afterAll(async () => {
    await sut?.close();
    await Promise.all([cn?.close(), intl?.close()]);
  });

  it('answers 503 UPSTREAM_BUSY in the region whose budget is used up, and serves the other at once', async () => {
    const create = (user: string, region?: string) => post(`${sut.url}/v1/uploads/aliyun-vod/videos`, VIDEO, sut.bearer(user, { region }));
    expect((await create('carl')).status).toBe(201);
    const busy = await create('carl');
    expect(busy.status).toBe(503);
    expect(busy.body.code).toBe('UPSTREAM_BUSY');
    expect((await create('ines', 'intl')).status).toBe(201);
    expect(intl.emulator.server.calls('aliyun-vod', 'CreateUploadVideo')).toBe(1);
    expect(cn.emulator.server.calls('aliyun-vod', 'CreateUploadVideo')).toBe(1);
  });
});
