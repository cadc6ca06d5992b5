import { aliyun } from '@app/providers';
import { UploadRecords } from '@app/uploads';
import { post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const alice = { id: 'alice', permissions: [] };

describe('Alibaba Cloud verification: the verifier of the running app against the emulator (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let verifier: aliyun.AliyunMediaVerifier;

  /** A real create through the service, and the record it wrote. */
  const create = async (path: string, body: object) => {
    const response = await post(`${sut.url}/v1/uploads/${path}`, body, sut.bearer('alice'));
    expect(response.status).toBe(201);
    return sut.app.get(UploadRecords).findOwned(alice, response.body.uploadId);
  };
  const emulator = (method: string, action: string, body: object) =>
    fetch(`${cloud.emulator.url}/__emulator/${action}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ env: cloud.env });
    verifier = sut.app.get(aliyun.AliyunMediaVerifier);
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('finds a video uploading, then stored with what the API reports, then unknown once removed', async () => {
    const record = await create('aliyun-vod/videos', { title: 'Clip', fileName: 'clip.mp4', fileSize: 4096 });
    expect(record.declared).toEqual({ size: 4096, format: 'mp4' });
    expect(await verifier.lookup(record)).toEqual({ state: 'uploading' });

    await emulator('POST', 'uploads/complete', { provider: 'aliyun-vod', id: record.videoId, size: 4096 });
    await emulator('PUT', 'aliyun/media', { product: 'aliyun-vod', id: record.videoId, state: 'stored', duration: 12.5 });
    expect(await verifier.lookup(record)).toEqual({
      state: 'stored',
      size: 4096,
      durationSeconds: 12.5,
      format: 'mp4',
      fileUrl: expect.stringMatching(/^https:\/\/.+\.mp4$/),
    });
    expect(verifier.limits(record)).toEqual({ maxSize: 10 * 1024 ** 3 });

    await verifier.remove(record);
    expect(await verifier.lookup(record)).toEqual({ state: 'unknown' });
    await expect(verifier.remove(record)).resolves.toBeUndefined();
  });

  it('reports a failed upload as failed', async () => {
    const record = await create('aliyun-vod/audios', { title: 'Talk', fileName: 'talk.m4a' });
    await emulator('PUT', 'aliyun/media', { product: 'aliyun-vod', id: record.videoId, state: 'failed' });
    expect(await verifier.lookup(record)).toEqual({ state: 'failed' });
  });

  it('finds an image and an IMS media stored once their uploads complete, and removes them', async () => {
    const image = await create('aliyun-vod/images', { imageType: 'cover', imageExt: 'jpg' });
    await emulator('POST', 'uploads/complete', { provider: 'aliyun-vod', id: image.imageId, size: 8932 });
    expect(await verifier.lookup(image)).toMatchObject({ state: 'stored', size: 8932, format: 'jpg' });

    const media = await create('aliyun-ims/media', {
      fileInfo: { type: 'video', name: 'clip', ext: 'mp4', size: 77 },
      mediaMetaData: { title: 'Clip', businessType: 'general' },
    });
    expect(await verifier.lookup(media)).toEqual({ state: 'uploading' });
    await emulator('POST', 'uploads/complete', { provider: 'aliyun-ims', id: media.mediaId, size: 77 });
    expect(await verifier.lookup(media)).toMatchObject({ state: 'stored', size: 77, format: 'mp4' });

    await verifier.remove(image);
    await verifier.remove(media);
    expect(await verifier.lookup(image)).toEqual({ state: 'unknown' });
    expect(await verifier.lookup(media)).toEqual({ state: 'unknown' });
  });

  it('throws the mapped ApiError when the API is unavailable, so the platform retries', async () => {
    const record = await create('aliyun-vod/attached-media', { businessType: 'subtitle', mediaExt: 'vtt' });
    cloud.emulator.server.faults.inject({ kind: 'server-error', operation: 'GetAttachedMediaInfo', times: 1 });
    await expect(verifier.lookup(record)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(await verifier.lookup(record)).toEqual({ state: 'uploading' });
  });
});
