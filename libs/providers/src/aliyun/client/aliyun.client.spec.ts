import { MetricsService } from '@app/common';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { ConfigService, loadConfig } from '@app/config';
import { ALIYUN_CONFIGS } from '../testing/aliyun-config';
import { type RunningEmulator, startEmulator } from '@app/emulator';
import { MemoryStore } from '@app/store';
import { UpstreamBudget, UpstreamCall } from '@app/upstream';
import { AliyunClient } from './aliyun.client';
import { CREATE_UPLOAD_MEDIA, REFRESH_UPLOAD_MEDIA } from './operations/ice.operations';
import { DELETE_MEDIA_INFOS, GET_MEDIA_INFO } from './operations/ice-media.operations';
import { DELETE_VIDEO, GET_MEZZANINE_INFO, GET_VIDEO_INFO } from './operations/vod-media.operations';
import { rejection } from '@app/testing';
import {
  CREATE_UPLOAD_ATTACHED_MEDIA,
  CREATE_UPLOAD_IMAGE,
  CREATE_UPLOAD_VIDEO,
  type CreateUploadVideoRequest,
  REFRESH_UPLOAD_VIDEO,
} from './operations/vod.operations';

/** The adapter with a real (in-process) upstream budget, as the app wires it. */
function adapterWith(config: ConfigService): AliyunClient {
  return new AliyunClient(config, new UpstreamCall(new UpstreamBudget(new MemoryStore('t:'), config), config, new MetricsService()));
}

const key = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const VIDEO: CreateUploadVideoRequest = { title: 'UploadTest', fileName: 'D:\\video_01.mp4', fileSize: 123, tags: 'a,b' };

function adapterFor(url: string, env: Record<string, string> = {}): AliyunClient {
  const config = loadConfig(
    {
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.secret,
      ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
      ALIBABA_CLOUD_VOD_ENDPOINT: url,
      ALIBABA_CLOUD_IMS_REGION: 'cn-beijing',
      ALIBABA_CLOUD_IMS_ENDPOINT: url,
      ALIBABA_CLOUD_CONNECT_TIMEOUT_MS: '1000',
      ALIBABA_CLOUD_READ_TIMEOUT_MS: '300',
      ...env,
    },
    ALIYUN_CONFIGS,
  );
  return adapterWith(new ConfigService(config));
}

describe(AliyunClient.name, () => {
  let emulator: RunningEmulator;
  let sut: AliyunClient;
  let logged: unknown[];

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [key] });
    sut = adapterFor(emulator.url);
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message) => void logged.push(message));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => void logged.push(message));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    emulator.server.faults.clear();
  });

  it('calls all six operations through callApi and returns the typed answers', async () => {
    const video = await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
    expect(video).toMatchObject({
      videoId: expect.any(String),
      uploadAddress: expect.any(String),
      uploadAuth: expect.any(String),
      requestId: expect.any(String),
    });
    const refreshed = await sut.call(REFRESH_UPLOAD_VIDEO, { videoId: video.videoId });
    expect(refreshed.uploadAddress).toBe(video.uploadAddress);
    expect(await sut.call(CREATE_UPLOAD_IMAGE, { imageType: 'default', imageExt: 'png' })).toMatchObject({
      imageURL: expect.any(String),
      fileURL: expect.any(String),
    });
    expect(await sut.call(CREATE_UPLOAD_ATTACHED_MEDIA, { businessType: 'subtitle', mediaExt: 'vtt', fileSize: '12' })).toMatchObject({
      mediaURL: expect.any(String),
    });
    const media = await sut.call(CREATE_UPLOAD_MEDIA, {
      fileInfo: { Type: 'video', Name: 'clip', Ext: 'mp4', Size: 9 },
      mediaMetaData: { Title: 'UploadTest', BusinessType: 'opening', Tags: 'a,b' },
      uploadTargetConfig: { StorageType: 'oss', StorageLocation: 'outin-1a.oss-cn-beijing.aliyuncs.com' },
      postProcessConfig: { ProcessType: 'Workflow', ProcessID: 'a'.repeat(32) },
    });
    expect(media.mediaURL).toBeUndefined(); // the empty MediaURL of the answer counts as absent
    expect((await sut.call(REFRESH_UPLOAD_MEDIA, { mediaId: media.mediaId })).mediaId).toBe(media.mediaId);
  });

  it('logs provider, operation, upstream request id and latency; never the credential or our secret', async () => {
    const video = await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
    expect(logged).toEqual([
      {
        provider: 'aliyun-vod',
        operation: 'CreateUploadVideo',
        upstreamRequestId: video.requestId,
        latencyMs: expect.any(Number),
        outcome: 'ok',
      },
    ]);
    const text = JSON.stringify(logged);
    expect(text).not.toContain(video.uploadAuth);
    expect(text).not.toContain(key.secret);
  });

  it('reuses one kept-alive connection for consecutive calls', async () => {
    const server = (emulator.server as unknown as { server: Server }).server;
    let connections = 0;
    const count = () => (connections += 1);
    server.on('connection', count);
    try {
      await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
      await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
      await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
    } finally {
      server.off('connection', count);
    }
    expect(connections).toBeLessThanOrEqual(1);
  });

  it('maps a refused signature to 502 with the upstream request id, and logs it', async () => {
    const wrong = adapterFor(emulator.url, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' });
    const error = await rejection(wrong.call(CREATE_UPLOAD_VIDEO, VIDEO));
    expect(error).toMatchObject({ code: 'UPSTREAM_REJECTED', details: { upstreamRequestId: expect.any(String) } });
    expect(logged).toEqual([
      expect.objectContaining({
        outcome: 'provider',
        code: 'UPSTREAM_REJECTED',
        upstreamCode: 'SignatureDoesNotMatch',
        upstreamHttpStatus: 400,
        status: 502,
      }),
    ]);
    expect(JSON.stringify(logged)).not.toContain('not-the-secret');
  });

  it('maps throttling and server errors to 503 with Retry-After, without retrying', async () => {
    emulator.server.faults.inject({ kind: 'throttle', provider: 'aliyun-vod', times: 1 });
    const before = emulator.server.calls('aliyun-vod', 'CreateUploadVideo');
    expect(await rejection(sut.call(CREATE_UPLOAD_VIDEO, VIDEO))).toMatchObject({
      code: 'UPSTREAM_THROTTLED',
      details: { retryAfterSeconds: 1 },
    });
    expect(emulator.server.calls('aliyun-vod', 'CreateUploadVideo')).toBe(before + 1);
    emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-ice', times: 1 });
    expect(await rejection(sut.call(REFRESH_UPLOAD_MEDIA, { mediaId: 'x' }))).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      details: { retryAfterSeconds: 2 },
    });
  });

  it('gives up on a hanging provider after the read timeout (504), and tolerates latency below it', async () => {
    emulator.server.faults.inject({ kind: 'latency', provider: 'aliyun-vod', delayMs: 100, times: 1 });
    await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
    emulator.server.faults.inject({ kind: 'hang', provider: 'aliyun-vod', times: 1 });
    const started = Date.now();
    expect(await rejection(sut.call(CREATE_UPLOAD_VIDEO, VIDEO))).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('maps an unreachable endpoint to 503', async () => {
    const closed = adapterFor('http://127.0.0.1:1');
    expect(await rejection(closed.call(CREATE_UPLOAD_VIDEO, VIDEO))).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('answers 501 for a product the deployment has not configured, without a call', async () => {
    const vodOnly = adapterWith(
      new ConfigService(
        loadConfig(
          {
            ALIBABA_CLOUD_ACCESS_KEY_ID: key.id,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.secret,
            ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
            ALIBABA_CLOUD_VOD_ENDPOINT: emulator.url,
          },
          ALIYUN_CONFIGS,
        ),
      ),
    );
    const before = emulator.server.calls('aliyun-ice', 'RefreshUploadMedia');
    expect(await rejection(vodOnly.call(REFRESH_UPLOAD_MEDIA, { mediaId: 'x' }))).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    expect(await rejection(adapterWith(new ConfigService(loadConfig({}, ALIYUN_CONFIGS))).call(CREATE_UPLOAD_VIDEO, VIDEO))).toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
    });
    expect(emulator.server.calls('aliyun-ice', 'RefreshUploadMedia')).toBe(before);
  });

  it('answers "no such media" from its not-found code as an answer, and maps an outage to a retryable 503', async () => {
    const missing = 'f'.repeat(32);
    expect(await sut.call(GET_VIDEO_INFO, { videoId: missing })).toEqual({ requestId: expect.any(String) });
    expect(await sut.call(GET_MEZZANINE_INFO, { videoId: missing })).toEqual({ requestId: expect.any(String) });
    expect(await sut.call(DELETE_VIDEO, { videoId: missing })).toEqual({ requestId: expect.any(String), existed: false });
    expect(await sut.call(GET_MEDIA_INFO, { mediaId: missing })).toEqual({ requestId: expect.any(String) });
    expect(await sut.call(DELETE_MEDIA_INFOS, { mediaId: missing })).toEqual({ requestId: expect.any(String), existed: false });

    const video = await sut.call(CREATE_UPLOAD_VIDEO, VIDEO);
    expect((await sut.call(GET_VIDEO_INFO, { videoId: video.videoId })).info).toEqual({ status: 'Uploading' });
    emulator.server.faults.inject({ kind: 'server-error', operation: 'GetVideoInfo', times: 1 });
    expect(await rejection(sut.call(GET_VIDEO_INFO, { videoId: video.videoId }))).toMatchObject({
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(await sut.call(DELETE_VIDEO, { videoId: video.videoId })).toMatchObject({ existed: true });
  });
});
