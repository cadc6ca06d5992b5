import { ApiError, ErrorCode } from '@app/common';
import { fakeClient } from '@app/testing';
import type { UploadRecord } from '@app/uploads';
import type { AliyunClient } from '../client';
import { IMS_MEDIA } from '../kinds/ims-media/ims-media.kind';
import { VOD_ATTACHED_MEDIA } from '../kinds/vod-attached-media/vod-attached-media.kind';
import { VOD_AUDIO } from '../kinds/vod-audio/vod-audio.kind';
import { VOD_IMAGE } from '../kinds/vod-image/vod-image.kind';
import { VOD_VIDEO, VOD_VIDEO_REFRESH } from '../kinds/vod-video/vod-video.kind';
import { aliyunConfig } from '../testing/aliyun-config';
import { AliyunMediaVerifier } from './aliyun-media-verifier';

const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIid',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
  ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
  ALIBABA_CLOUD_IMS_REGION: 'cn-shanghai',
  ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE: '5000',
  ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS: '60',
  ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: '700',
  ALIBABA_CLOUD_VOD_ATTACHED_MEDIA_MAX_FILE_SIZE: '800',
  ALIBABA_CLOUD_IMS_MAX_FILE_SIZE: '900',
};

const record = (kind: string, ids: Partial<UploadRecord>): UploadRecord => ({
  uploadId: 'up_1',
  ownerId: 'alice',
  provider: kind.startsWith('aliyun-ims') ? 'aliyun-ims' : 'aliyun-vod',
  kind,
  status: 'verifying',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...ids,
});
const video = record(VOD_VIDEO.spec.id, { videoId: 'v1' });
const audio = record(VOD_AUDIO.spec.id, { videoId: 'a1' });
const image = record(VOD_IMAGE.spec.id, { imageId: 'i1' });
const attached = record(VOD_ATTACHED_MEDIA.spec.id, { mediaId: 'm1' });
const ims = record(IMS_MEDIA.spec.id, { mediaId: 'ims1' });

const answer = (info?: object) => jest.fn().mockResolvedValue({ requestId: 'R', info });
const deleted = () => jest.fn().mockResolvedValue({ requestId: 'R', existed: true });

function setup(mocks: Record<string, jest.Mock>, env: Record<string, string> = ENV) {
  const sut = new AliyunMediaVerifier(fakeClient(mocks) as unknown as AliyunClient, aliyunConfig(env));
  return { sut, mocks };
}

const MEZZANINE = { status: 'Normal', size: 4096, duration: 42.493, fileName: 'x.MP4', fileURL: 'https://b.oss/sv/x.mp4?Expires=1' };

describe(AliyunMediaVerifier.name, () => {
  it('answers for both Alibaba products', () => {
    expect(setup({}).sut.products).toEqual(['aliyun-vod', 'aliyun-ims']);
  });

  describe('a video or audio', () => {
    it.each([
      ['Uploading', 'uploading'],
      ['UploadFail', 'failed'],
      ['SomethingNew', 'uploading'],
    ])('with status %s is %s, without asking for the mezzanine', async (status, state) => {
      const { sut, mocks } = setup({ getVideoInfo: answer({ status }), getMezzanineInfo: answer(MEZZANINE) });
      expect(await sut.lookup(video)).toEqual({ state });
      expect(mocks.getMezzanineInfo).not.toHaveBeenCalled();
    });

    it.each(['UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Blocked', 'Normal'])(
      'with status %s is stored, with the source file figures',
      async (status) => {
        const { sut, mocks } = setup({ getVideoInfo: answer({ status, size: 1, duration: 2 }), getMezzanineInfo: answer(MEZZANINE) });
        expect(await sut.lookup(audio)).toEqual({
          state: 'stored',
          size: 4096,
          durationSeconds: 42.493,
          format: 'mp4',
          fileUrl: MEZZANINE.fileURL,
        });
        expect(mocks.getVideoInfo).toHaveBeenCalledWith({ videoId: 'a1' });
        expect(mocks.getMezzanineInfo).toHaveBeenCalledWith({ videoId: 'a1' });
      },
    );

    it('takes size and duration from the video when the mezzanine has none, and omits what neither has', async () => {
      const { sut } = setup({
        getVideoInfo: answer({ status: 'Normal', size: 77, duration: 3.5 }),
        getMezzanineInfo: answer({ status: 'Normal', fileURL: 'https://b.oss/sv/a%20b.mov' }),
      });
      expect(await sut.lookup(video)).toEqual({
        state: 'stored',
        size: 77,
        durationSeconds: 3.5,
        format: 'mov',
        fileUrl: 'https://b.oss/sv/a%20b.mov',
      });
      const bare = setup({ getVideoInfo: answer({ status: 'Normal' }), getMezzanineInfo: answer({}) }).sut;
      expect(await bare.lookup(video)).toEqual({ state: 'stored' });
    });

    it('is unknown when VOD has no such video, or the mezzanine is gone or deleted', async () => {
      expect(await setup({ getVideoInfo: answer() }).sut.lookup(video)).toEqual({ state: 'unknown' });
      const noFile = setup({ getVideoInfo: answer({ status: 'Normal' }), getMezzanineInfo: answer() }).sut;
      expect(await noFile.lookup(video)).toEqual({ state: 'unknown' });
      const deletedFile = setup({ getVideoInfo: answer({ status: 'Normal' }), getMezzanineInfo: answer({ status: 'Deleted' }) }).sut;
      expect(await deletedFile.lookup(video)).toEqual({ state: 'unknown' });
    });

    it('is unknown without a videoId, with no call', async () => {
      const { sut, mocks } = setup({ getVideoInfo: answer({ status: 'Normal' }) });
      expect(await sut.lookup({ ...video, videoId: undefined })).toEqual({ state: 'unknown' });
      expect(mocks.getVideoInfo).not.toHaveBeenCalled();
    });

    it('lets the client error through, so the lookup is retried later', async () => {
      const unavailable = new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'The cloud provider is unavailable; retry shortly.');
      const { sut } = setup({ getVideoInfo: jest.fn().mockRejectedValue(unavailable) });
      await expect(sut.lookup(video)).rejects.toBe(unavailable);
    });
  });

  it.each([
    ['Uploading', { state: 'uploading' }],
    ['UploadFail', { state: 'failed' }],
    ['Normal', { state: 'stored', size: 8932, format: 'png', fileUrl: 'https://b.oss/image/default/X.png?Expires=1' }],
  ])('an image with status %s', async (status, expected) => {
    const info = { status, fileSize: 8932, url: 'https://cdn/x.png', fileURL: 'https://b.oss/image/default/X.png?Expires=1' };
    const { sut, mocks } = setup({ getImageInfo: answer({ ...info, originalFileName: 'cat.GIF' }) });
    expect(await sut.lookup(image)).toEqual(expected);
    expect(mocks.getImageInfo).toHaveBeenCalledWith({ imageId: 'i1' });
  });

  it('an attached media: stored with its URL and format but no size; unknown when listed as not existing', async () => {
    const url = 'https://b.oss/subtitle/9843C2.vtt?auth_key=1';
    expect(await setup({ getAttachedMediaInfo: answer({ status: 'Normal', url }) }).sut.lookup(attached)).toEqual({
      state: 'stored',
      format: 'vtt',
      fileUrl: url,
    });
    expect(await setup({ getAttachedMediaInfo: answer() }).sut.lookup(attached)).toEqual({ state: 'unknown' });
  });

  it.each([
    ['Init', { state: 'uploading' }],
    ['Preparing', { state: 'uploading' }],
    ['PrepareFail', { state: 'failed' }],
    // VOD's words, which ICE does not document for a media asset: unlisted, so still uploading (never gone or failed).
    ['Deleted', { state: 'uploading' }],
    ['UploadFail', { state: 'uploading' }],
    ['Uploading', { state: 'uploading' }],
    ['Normal', { state: 'stored', size: 30611502, durationSeconds: 216.206667, format: 'mp4', fileUrl: 'https://b.oss/example.mp4?x=1' }],
  ])('an IMS media with status %s', async (status, expected) => {
    const info = {
      status,
      fileSize: 30611502,
      duration: 216.206667,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      fileName: 'example.mp4',
      fileUrl: 'https://b.oss/example.mp4?x=1',
    };
    const { sut, mocks } = setup({ getMediaInfo: answer(info) });
    expect(await sut.lookup(ims)).toEqual(expected);
    expect(mocks.getMediaInfo).toHaveBeenCalledWith({ mediaId: 'ims1' });
  });

  it('takes an IMS format name only when it names one container', async () => {
    const { sut } = setup({ getMediaInfo: answer({ status: 'Normal', formatName: 'MP3' }) });
    expect(await sut.lookup(ims)).toEqual({ state: 'stored', format: 'mp3' });
  });

  it.each([
    [video, 'deleteVideo', { videoId: 'v1' }],
    [audio, 'deleteVideo', { videoId: 'a1' }],
    [image, 'deleteImage', { imageId: 'i1' }],
    [attached, 'deleteAttachedMedia', { mediaId: 'm1' }],
    [ims, 'deleteMediaInfos', { mediaId: 'ims1' }],
  ])('removes %s with %s', async (subject, operation, request) => {
    const { sut, mocks } = setup({ [operation]: deleted() });
    await sut.remove(subject);
    expect(mocks[operation]).toHaveBeenCalledWith(request);
  });

  it('removes nothing for a record without its id', async () => {
    const { sut, mocks } = setup({ deleteImage: deleted() });
    await sut.remove({ ...image, imageId: undefined });
    expect(mocks.deleteImage).not.toHaveBeenCalled();
  });

  it('gives each kind its limits from the configuration', () => {
    const { sut } = setup({});
    expect(sut.limits(video)).toEqual({ maxSize: 5000, maxDurationSeconds: 60 });
    expect(sut.limits(audio)).toEqual({ maxSize: 5000, maxDurationSeconds: 60 });
    expect(sut.limits(image)).toEqual({ maxSize: 700 });
    expect(sut.limits(attached)).toEqual({ maxSize: 800 });
    expect(sut.limits(ims)).toEqual({ maxSize: 900 });
    const withImsDuration = setup({}, { ...ENV, ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS: '30' }).sut;
    expect(withImsDuration.limits(ims)).toEqual({ maxSize: 900, maxDurationSeconds: 30 });
  });

  it('refuses a record of a kind that makes no upload', async () => {
    const { sut } = setup({});
    await expect(sut.lookup(record(VOD_VIDEO_REFRESH.spec.id, { videoId: 'v1' }))).rejects.toThrow(/no uploads of kind/);
  });
});
