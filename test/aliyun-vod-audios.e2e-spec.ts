import { fieldsOf, post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

/** The audio kind through the real app and the emulator: its route, its permission, its own quota. */
describe('Alibaba Cloud VOD audio (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  const audios = () => `${sut.url}/v1/uploads/aliyun-vod/audios`;
  const refresh = (videoId: string, user: string) => post(`${audios()}/${videoId}/refresh`, undefined, sut.bearer(user));

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ env: { ...cloud.env, DAILY_QUOTA_ALIYUN_VOD_AUDIO: '2', AUTH_PERMISSIONS_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  const audioToken = (user: string) => sut.bearer(user, { scope: 'upload:audio uploads:read' });

  it('creates an audio file by CreateUploadVideo and lets only its owner refresh it', async () => {
    const calls = () => cloud.emulator.server.calls('aliyun-vod', 'CreateUploadVideo');
    const before = calls();
    const created = await post(audios(), { title: 'Interview', fileName: 'interview.mp3' }, audioToken('alice'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ uploadId: expect.stringMatching(/^upl_/), videoId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(calls()).toBe(before + 1);
    const record = await fetch(`${sut.url}/v1/uploads/${created.body.uploadId}`, { headers: audioToken('alice') });
    expect(await record.json()).toMatchObject({ provider: 'aliyun-vod', kind: 'aliyun-vod-audio', status: 'issued' });

    const mine = await post(`${audios()}/${created.body.videoId}/refresh`, undefined, audioToken('alice'));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ uploadId: created.body.uploadId, videoId: created.body.videoId });
    expect((await post(`${audios()}/${created.body.videoId}/refresh`, undefined, audioToken('bob'))).status).toBe(404);
  });

  it('refuses a video file name with 400, and a token without upload:audio with 403', async () => {
    const video = await post(audios(), { title: 'Clip', fileName: 'clip.mp4' }, audioToken('carol'));
    expect(video.status).toBe(400);
    expect(fieldsOf(video)).toEqual(['fileName']);
    const noPermission = await post(audios(), { title: 'Memo', fileName: 'memo.m4a' }, sut.bearer('carol', { scope: 'upload:video' }));
    expect(noPermission.status).toBe(403);
    expect(noPermission.body).toMatchObject({ code: 'FORBIDDEN', detail: 'The token lacks the permission upload:audio.' });
    expect((await refresh('93ab850b4f6f54b6e91d24d81d440000', 'carol')).status).toBe(403);
  });

  it('counts its own daily quota (DAILY_QUOTA_ALIYUN_VOD_AUDIO), not the video one', async () => {
    for (let i = 0; i < 2; i++) expect((await post(audios(), { title: 'T', fileName: 'a.mp3' }, audioToken('dave'))).status).toBe(201);
    const over = await post(audios(), { title: 'T', fileName: 'a.mp3' }, audioToken('dave'));
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    const video = await post(
      `${sut.url}/v1/uploads/aliyun-vod/videos`,
      { title: 'T', fileName: 'a.mp4' },
      sut.bearer('dave', { scope: 'upload:video' }),
    );
    expect(video.status).toBe(201);
  });
});
