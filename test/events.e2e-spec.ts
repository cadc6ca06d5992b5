import { signAliyunCallback } from '@app/emulator';
import { post } from './support/aliyun-test-env';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { until } from './support/until';

/** Provider completion events moving upload records: the emulator sends them as the clouds do. */
describe('Provider events (real app, Redis, emulator callbacks)', () => {
  let cloud: EventfulCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cloud = await startEventfulCloud();
    sut = await startTestApp({
      redis: true,
      port: cloud.port,
      env: { ...cloud.env, ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS: 'OldVodKey1' },
    });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  const create = async (path: string, body: unknown, user = 'alice') => {
    const response = await post(`${sut.url}/v1/uploads/${path}`, body, sut.bearer(user));
    expect(response.status).toBe(201);
    return response.body;
  };
  const record = async (uploadId: string, user = 'alice') =>
    (await (await fetch(`${sut.url}/v1/uploads/${uploadId}`, { headers: sut.bearer(user) })).json()) as Record<string, unknown>;
  const complete = (provider: 'aliyun-vod' | 'aliyun-ims', id: string, completion = {}) =>
    cloud.emulator.events.aliyunUploadCompleted(provider, id, completion);

  /** A VOD callback as VOD signs it, with our choice of timestamp and key. */
  const vodCallback = (body: unknown, { key = cloud.secrets.vodAuthKey, timestamp = Math.floor(Date.now() / 1000) } = {}) => {
    const url = `${cloud.serviceUrl}/v1/events/aliyun-vod`;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-vod-timestamp': String(timestamp),
        'x-vod-signature': signAliyunCallback(url, timestamp, key),
      },
      body: JSON.stringify(body),
    });
  };

  it('moves a VOD video to uploaded on FileUploadComplete (matched by the uploadId in Extend), once', async () => {
    const created = await create('aliyun-vod/videos', { title: 'Evented', fileName: 'clip.mp4' });
    expect((await record(created.uploadId)).status).toBe('issued');
    expect((await complete('aliyun-vod', created.videoId, { size: 4096 }))?.statuses).toEqual([200]);
    expect(await record(created.uploadId)).toMatchObject({ status: 'uploaded', size: 4096, fileUrl: expect.stringMatching(/^https:\/\//) });
    const repeat = await complete('aliyun-vod', created.videoId, { size: 4096 });
    expect(repeat?.statuses).toEqual([200]);
    expect(await record(created.uploadId)).toMatchObject({ status: 'uploaded', size: 4096 });
  });

  it('moves a VOD video to failed on a failure event', async () => {
    const created = await create('aliyun-vod/videos', { title: 'Failing', fileName: 'clip.mp4' });
    await complete('aliyun-vod', created.videoId, { success: false });
    expect((await record(created.uploadId)).status).toBe('failed');
  });

  it.each([
    ['an image', 'aliyun-vod/images', { imageType: 'default' }, 'imageId'],
    ['attached media', 'aliyun-vod/attached-media', { businessType: 'subtitle', mediaExt: 'vtt' }, 'mediaId'],
  ])('moves %s to uploaded by its provider id (its events carry no Extend)', async (_what, path, body, idField) => {
    const created = await create(path, body);
    expect((await complete('aliyun-vod', created[idField], { size: 77 }))?.statuses).toEqual([200]);
    // The size is the provider's answer: GetAttachedMediaInfo reports none.
    const size = idField === 'imageId' ? { size: 77 } : {};
    expect(await record(created.uploadId)).toMatchObject({ status: 'uploaded', ...size, [idField]: created[idField] });
  });

  it('moves IMS media to uploaded and failed (ICE envelope, signed X-ICE-*)', async () => {
    const body = { fileInfo: { type: 'video', name: 'clip', ext: 'mp4' }, mediaMetaData: { title: 'Ims', businessType: 'general' } };
    const good = await create('aliyun-ims/media', body);
    const bad = await create('aliyun-ims/media', body);
    await complete('aliyun-ims', good.mediaId, { size: 5510872 });
    await complete('aliyun-ims', bad.mediaId, { success: false });
    expect(await record(good.uploadId)).toMatchObject({ status: 'uploaded', size: 5510872, mediaId: good.mediaId });
    expect((await record(bad.uploadId)).status).toBe('failed');
  });

  it('completes a Tencent client-signature upload from NewFileUpload (matched by SourceContext)', async () => {
    const response = await tencentVodApi(sut).sign('alice');
    const { uploadId } = (await response.json()) as { uploadId: string };
    const delivery = await cloud.emulator.events.tencentFileUploaded(
      '5285890784273533167',
      'http://v.example.com/f0.mp4',
      `uploadId=${uploadId}&userId=alice`,
      99,
    );
    expect(delivery?.statuses).toEqual([200]);
    expect(await record(uploadId)).toMatchObject({
      status: 'uploaded',
      fileId: '5285890784273533167',
      fileUrl: 'http://v.example.com/f0.mp4',
      size: 99,
    });
  });

  it('finds a Tencent ApplyUpload complete after the commit; the commit’s own NewFileUpload changes nothing', async () => {
    const api = tencentVodApi(sut);
    const { uploadId } = (await (await api.apply('alice')).json()) as { uploadId: string };
    const before = cloud.emulator.events.deliveries.length;
    expect((await api.commit('alice', uploadId)).status).toBe(200);
    await until(() => cloud.emulator.events.deliveries.length > before);
    expect(cloud.emulator.events.deliveries.at(-1)?.statuses).toEqual([200]);
    expect((await record(uploadId)).status).toBe('uploaded');
  });

  it('answers 200 for a verified event of an upload it does not know, and counts it', async () => {
    const response = await vodCallback({ EventType: 'ImageUploadComplete', ImageId: 'feedface', Status: 'success', FileURL: 'https://x' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: 'unknown' });
    const metrics = await (await fetch(`${sut.url}/metrics`)).text();
    expect(metrics).toMatch(/upload_bff_events_total\{provider="aliyun-vod",type="ImageUploadComplete",outcome="unknown"\} [1-9]/);
    expect(metrics).toMatch(/upload_bff_events_total\{provider="aliyun-vod",type="FileUploadComplete",outcome="applied"\} [1-9]/);
  });

  it('accepts the previous AuthKey during a rotation; refuses a wrong key, a stale timestamp, a missing header (401)', async () => {
    const created = await create('aliyun-vod/images', { imageType: 'default' });
    const event = { EventType: 'ImageUploadComplete', ImageId: created.imageId, Status: 'success', FileURL: 'https://x' };
    expect((await vodCallback(event, { key: 'NotTheKey1' })).status).toBe(401);
    expect((await vodCallback(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    const unsigned = await fetch(`${sut.url}/v1/events/aliyun-vod`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await record(created.uploadId)).status).toBe('issued');
    // The image did arrive (what GetImageInfo will say); its callback comes signed with the previous key.
    const arrived = await fetch(`${cloud.emulator.url}/__emulator/aliyun/media`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'aliyun-vod', id: created.imageId, state: 'stored', size: 10 }),
    });
    expect(arrived.status).toBe(200);
    expect((await vodCallback(event, { key: 'OldVodKey1' })).status).toBe(200);
    expect((await record(created.uploadId)).status).toBe('uploaded');
  });

  it('answers a wrong Tencent token like a route that does not exist (404)', async () => {
    const wrong = await fetch(`${sut.url}/v1/events/tencent-vod/${'x'.repeat(40)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ EventType: 'NewFileUpload', FileUploadEvent: { FileId: '1' } }),
    });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a mismatched provider id from moving a record', async () => {
    const created = await create('aliyun-vod/videos', { title: 'Mismatch', fileName: 'clip.mp4' });
    const forged = {
      EventType: 'FileUploadComplete',
      VideoId: 'another-video',
      Status: 'success',
      Extend: JSON.stringify({ uploadId: created.uploadId }),
    };
    expect(await (await vodCallback(forged)).json()).toEqual({ outcome: 'mismatch' });
    expect((await record(created.uploadId)).status).toBe('issued');
  });

  it('never writes a receiver secret into a log line', () => {
    const text = JSON.stringify(sut.logs.entries());
    expect(text).toContain('"path":"/v1/events/tencent-vod/:token"');
    for (const secret of Object.values(cloud.secrets)) expect(text).not.toContain(secret);
  });
});

describe('Event receivers without their secrets', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({});
  });
  afterAll(() => sut.close());

  it.each(['/v1/events/aliyun-vod', '/v1/events/aliyun-ims', `/v1/events/tencent-vod/${'t'.repeat(40)}`])(
    'answer %s with 404',
    async (path) => {
      const response = await fetch(`${sut.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
    },
  );
});
