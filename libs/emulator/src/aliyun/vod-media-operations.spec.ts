import { randomBytes } from 'node:crypto';
import { VOD_API_VERSION } from './aliyun.facts';
import { startEmulator, type RunningEmulator } from '../emulator';
import { type Caller, failure, openApiCaller } from './testing/openapi-caller';

const key = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const other = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };

describe('VOD emulator lookups and deletes', () => {
  let emulator: RunningEmulator;
  let vod: Caller;
  const call = (action: string, query: Record<string, unknown>, caller = vod) => caller.call(action, VOD_API_VERSION, query);
  const control = async (method: string, action: string, body: object) => {
    const response = await fetch(`${emulator.url}/__emulator/${action}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.text()) || undefined };
  };
  const newVideo = async () => String((await call('CreateUploadVideo', { Title: 'T', FileName: 'clip.mp4' })).VideoId);

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [key, other] });
    vod = openApiCaller(emulator.url, key);
  });
  afterAll(() => emulator.close());

  it('reports a new video Uploading, then Normal with the completed size, the source file by GetMezzanineInfo', async () => {
    const videoId = await newVideo();
    expect(await call('GetVideoInfo', { VideoId: videoId })).toMatchObject({
      Video: { VideoId: videoId, Status: 'Uploading', Title: 'T' },
    });
    expect((await call('GetVideoInfo', { VideoId: videoId })).Video).not.toHaveProperty('Size');
    await control('POST', 'uploads/complete', { provider: 'aliyun-vod', id: videoId, size: 4096 });
    expect(await call('GetVideoInfo', { VideoId: videoId })).toMatchObject({ Video: { Status: 'Normal', Size: 4096 } });
    expect(await call('GetMezzanineInfo', { VideoId: videoId })).toMatchObject({
      Mezzanine: { VideoId: videoId, Status: 'Normal', Size: 4096, FileName: expect.stringMatching(/\.mp4$/), FileURL: expect.any(String) },
    });
  });

  it('takes what a test sets through PUT /__emulator/aliyun/media: state, size, duration, format', async () => {
    const videoId = await newVideo();
    const set = await control('PUT', 'aliyun/media', {
      product: 'aliyun-vod',
      id: videoId,
      state: 'stored',
      size: 9,
      duration: 42.493,
      format: 'mov',
    });
    expect(set.status).toBe(200);
    expect(await call('GetMezzanineInfo', { VideoId: videoId })).toMatchObject({
      Mezzanine: { Status: 'Normal', Size: 9, Duration: '42.4930', FileName: expect.stringMatching(/\.mov$/) },
    });
    expect((await call('GetVideoInfo', { VideoId: videoId })).Video).toMatchObject({ Duration: 42.493 });
    await control('PUT', 'aliyun/media', { product: 'aliyun-vod', id: videoId, state: 'failed' });
    expect(await call('GetVideoInfo', { VideoId: videoId })).toMatchObject({ Video: { Status: 'UploadFail' } });
    await control('PUT', 'aliyun/media', { product: 'aliyun-vod', id: videoId, state: 'absent' });
    expect(await failure(call('GetVideoInfo', { VideoId: videoId }))).toMatchObject({ code: 'InvalidVideo.NotFound', status: 404 });
  });

  it('refuses a malformed control, and one for media it never issued', async () => {
    expect((await control('PUT', 'aliyun/media', { product: 'aliyun-vod', id: 'x', state: 'gone' })).status).toBe(400);
    expect((await control('PUT', 'aliyun/media', { product: 'aliyun-vod', id: 'x', state: 'stored', size: -1 })).status).toBe(400);
    expect((await control('PUT', 'aliyun/media', { product: 'aliyun-vod', id: 'f'.repeat(32), state: 'stored' })).status).toBe(404);
  });

  it("answers InvalidVideo.NotFound for an unknown id and another account's video", async () => {
    const videoId = await newVideo();
    expect(await failure(call('GetMezzanineInfo', { VideoId: 'f'.repeat(32) }))).toMatchObject({
      code: 'InvalidVideo.NotFound',
      status: 404,
    });
    const foreign = openApiCaller(emulator.url, other);
    expect(await failure(call('GetVideoInfo', { VideoId: videoId }, foreign))).toMatchObject({ code: 'InvalidVideo.NotFound' });
  });

  it('deletes videos, listing the ids it did not find, and 404 when it finds none', async () => {
    const videoId = await newVideo();
    const missing = 'e'.repeat(32);
    expect(await call('DeleteVideo', { VideoIds: `${videoId},${missing}` })).toMatchObject({ NonExistVideoIds: [missing] });
    expect(await failure(call('GetVideoInfo', { VideoId: videoId }))).toMatchObject({ code: 'InvalidVideo.NotFound' });
    expect(await failure(call('DeleteVideo', { VideoIds: videoId }))).toMatchObject({ code: 'InvalidVideo.NotFound', status: 404 });
    expect(await failure(call('DeleteVideo', { VideoIds: Array(21).fill(missing).join(',') }))).toMatchObject({ code: 'InvalidParameter' });
  });

  it('looks up an image (FileSize a string once stored) and deletes it by ImageId', async () => {
    const { ImageId: imageId } = await call('CreateUploadImage', { ImageType: 'cover', ImageExt: 'jpg', Title: 'Cover' });
    expect(await call('GetImageInfo', { ImageId: imageId })).toMatchObject({ ImageInfo: { ImageId: imageId, Status: 'Uploading' } });
    await control('POST', 'uploads/complete', { provider: 'aliyun-vod', id: imageId, size: 8932 });
    expect(await call('GetImageInfo', { ImageId: imageId })).toMatchObject({
      ImageInfo: { Status: 'Normal', ImageType: 'cover', URL: expect.stringMatching(/\.jpg$/), Mezzanine: { FileSize: '8932' } },
    });
    expect(await failure(call('DeleteImage', { ImageIds: imageId }))).toMatchObject({ code: 'MissingParameter' });
    await call('DeleteImage', { DeleteImageType: 'ImageId', ImageIds: imageId });
    expect(await failure(call('GetImageInfo', { ImageId: imageId }))).toMatchObject({ code: 'NoSuchResource', status: 404 });
    expect(await failure(call('DeleteImage', { DeleteImageType: 'ImageId', ImageIds: imageId }))).toMatchObject({
      code: 'NoSuchResource',
      status: 404,
    });
  });

  it('lists attached media with NonExistMediaIds, no size, and deletes them', async () => {
    const mediaId = String((await call('CreateUploadAttachedMedia', { BusinessType: 'subtitle', MediaExt: 'vtt' })).MediaId);
    const missing = 'd'.repeat(32);
    const info = await call('GetAttachedMediaInfo', { MediaIds: `${mediaId},${missing}` });
    expect(info).toMatchObject({
      AttachedMediaList: [{ MediaId: mediaId, Status: 'Uploading', Type: 'subtitle' }],
      NonExistMediaIds: [missing],
    });
    await control('POST', 'uploads/complete', { provider: 'aliyun-vod', id: mediaId });
    const stored = (await call('GetAttachedMediaInfo', { MediaIds: mediaId })).AttachedMediaList as Record<string, unknown>[];
    expect(stored[0]).toMatchObject({ Status: 'Normal', URL: expect.stringMatching(/\.vtt$/) });
    expect(stored[0]).not.toHaveProperty('Size');
    expect(await call('DeleteAttachedMedia', { MediaIds: `${mediaId},${missing}` })).toMatchObject({ NonExistMediaIds: [missing] });
    expect(await call('GetAttachedMediaInfo', { MediaIds: mediaId })).toMatchObject({ AttachedMediaList: [], NonExistMediaIds: [mediaId] });
  });

  it('takes faults by operation name', async () => {
    const videoId = await newVideo();
    emulator.server.faults.inject({ kind: 'server-error', operation: 'GetVideoInfo', times: 1 });
    expect(await failure(call('GetVideoInfo', { VideoId: videoId }))).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
    expect(await call('GetVideoInfo', { VideoId: videoId })).toMatchObject({ Video: { VideoId: videoId } });
  });
});
