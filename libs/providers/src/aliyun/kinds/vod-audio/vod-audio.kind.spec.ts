import type { ApiError } from '@app/common';
import { quotaVariable, rateLimitVariable } from '@app/config';
import { fakeClient, invalidFields, invalidMessages, testUploadRecords } from '@app/testing';
import type { AliyunClient, UploadVideoResponseBody } from '../../client';
import { ALIYUN_CONFIGS, aliyunConfig } from '../../testing/aliyun-config';
import { VOD_VIDEO } from '../vod-video/vod-video.kind';
import { VideosService } from '../vod-video/videos.service';
import { CreateUploadAudioDto } from './vod-audio.dto';
import { VOD_AUDIO, VOD_AUDIO_REFRESH } from './vod-audio.kind';

const alice = { id: 'alice', permissions: [] };
const bob = { id: 'bob', permissions: [] };
const auth = Buffer.from(JSON.stringify({ ExpireUTCTime: '2030-01-01T00:00:00Z' })).toString('base64');

function setup() {
  const config = aliyunConfig({
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
    ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE: '1000',
  });
  let next = 0;
  const answer = (): UploadVideoResponseBody => ({ requestId: 'R', videoId: `vid-${++next}`, uploadAddress: 'ADDR', uploadAuth: auth });
  const adapter = { createUploadVideo: jest.fn(async () => answer()), refreshUploadVideo: jest.fn(async () => answer()) };
  const { uploads } = testUploadRecords(undefined, ALIYUN_CONFIGS);
  const videos = new VideosService(fakeClient(adapter) as unknown as AliyunClient, uploads, config);
  return { videos, adapter, uploads, config };
}

describe('the Alibaba VOD audio kind', () => {
  it('is its own kind: the upload:audio permission, its own quota and limits, the refresh free of quota', () => {
    expect(VOD_AUDIO.spec).toMatchObject({ id: 'aliyun-vod-audio', permission: 'upload:audio', quota: 50, callsUpstream: true });
    expect(VOD_AUDIO_REFRESH.spec).toMatchObject({ permission: 'upload:audio', callsUpstream: true });
    expect(VOD_AUDIO_REFRESH.spec.quota).toBeUndefined();
    expect(quotaVariable(VOD_AUDIO.spec.id)).toBe('DAILY_QUOTA_ALIYUN_VOD_AUDIO');
    expect(rateLimitVariable(VOD_AUDIO.spec.id)).toBe('RATE_LIMIT_ALIYUN_VOD_AUDIO');
    expect([VOD_AUDIO.route.path, VOD_AUDIO_REFRESH.route.path]).toEqual(['aliyun-vod/audios', 'aliyun-vod/audios/:videoId/refresh']);
  });

  it('accepts only the audio extensions VOD documents, in any case: a video file name is a 400', async () => {
    for (const fileName of ['interview.mp3', 'memo.M4A', 'D:\\take.flac', 'a.wav', 'b.amr'])
      expect(await invalidFields(CreateUploadAudioDto, { title: 'T', fileName })).toEqual([]);
    for (const fileName of ['clip.mp4', 'clip.mov', 'notes.txt', 'audio'])
      expect(await invalidFields(CreateUploadAudioDto, { title: 'T', fileName })).toEqual(['fileName']);
    expect(await invalidMessages(CreateUploadAudioDto, { title: 'T', fileName: 'clip.mp4' })).toEqual([
      'fileName: fileName must end in one of the extensions mp3, wma, wav, aac, ra, m4a, flac, ape, ac3, amr, caf, acm',
    ]);
    // The rest of the video's rules hold for audio too.
    expect(await invalidFields(CreateUploadAudioDto, { title: ' ', fileName: 'a.mp3', extra: 1 })).toEqual(['extra', 'title']);
  });

  it('issues through CreateUploadVideo, recorded as an audio upload', async () => {
    const { videos, adapter, uploads } = setup();
    const created = await VOD_AUDIO.issue(videos, { user: alice, body: { title: 'T', fileName: 'a.mp3' }, param: '' });
    expect(adapter.createUploadVideo).toHaveBeenCalledWith(expect.objectContaining({ fileName: 'a.mp3', title: 'T' }));
    expect(await uploads.findOwned(alice, created.uploadId)).toMatchObject({ provider: 'aliyun-vod', kind: 'aliyun-vod-audio' });
  });

  it('refreshes only its owner’s audio upload: anyone else, and a video’s id, get the same 404 without a call', async () => {
    const { videos, adapter } = setup();
    const audio = await VOD_AUDIO.issue(videos, { user: alice, body: { title: 'T', fileName: 'a.mp3' }, param: '' });
    const video = await VOD_VIDEO.issue(videos, { user: alice, body: { title: 'T', fileName: 'a.mp4' }, param: '' });
    expect(await VOD_AUDIO_REFRESH.issue(videos, { user: alice, body: undefined, param: audio.videoId })).toMatchObject({
      uploadId: audio.uploadId,
    });
    const refusals = await Promise.all(
      [
        { user: bob, param: audio.videoId },
        { user: alice, param: video.videoId },
      ].map((call) => VOD_AUDIO_REFRESH.issue(videos, { ...call, body: undefined }).catch((error: ApiError) => error)),
    );
    expect(refusals.map((error) => (error as ApiError).getStatus())).toEqual([404, 404]);
    expect(adapter.refreshUploadVideo).toHaveBeenCalledTimes(1);
  });
});
