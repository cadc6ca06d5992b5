import { DELETE_MEDIA, DESCRIBE_MEDIA_INFOS } from './media.operations';
import { InvalidVodResponseError } from './tencent-operation';

/** MediaInfo as the DescribeMediaInfos example answers it with Filters basicInfo and metaData (the other parts null). */
const MEDIA_INFO = {
  FileId: '5285485487985271487',
  BasicInfo: {
    Name: 'test file',
    Description: '',
    CreateTime: '2017-01-23T07:25:52Z',
    ClassId: 1,
    CoverUrl: 'http://xx.vod2.myqcloud.com/xxxxxxxx/shotup/f0.100_0.jpg',
    Type: 'mp4',
    MediaUrl: 'http://xx.vod2.myqcloud.com/xx/xx/f0.mp4',
    TagSet: [],
    SourceInfo: { SourceType: 'Upload', SourceContext: '' },
    StorageRegion: 'gzp',
  },
  MetaData: { Size: 10556, Container: 'm4a', Duration: 3601, Bitrate: 246035, Height: 480, Width: 640, Rotate: 0 },
  TranscodeInfo: null,
  ReviewInfo: null,
};

describe('DESCRIBE_MEDIA_INFOS', () => {
  const sut = DESCRIBE_MEDIA_INFOS;

  it('reads the documented answer: the files found and the ids VOD does not know', () => {
    expect(sut.parse({ MediaInfoSet: [MEDIA_INFO], NotExistFileIdSet: ['5285485487985271488'], RequestId: 'req-1' })).toEqual({
      media: [
        {
          fileId: '5285485487985271487',
          basicInfo: { name: 'test file', type: 'mp4', mediaUrl: 'http://xx.vod2.myqcloud.com/xx/xx/f0.mp4', sourceContext: null },
          metaData: { size: 10556, durationSeconds: 3601, container: 'm4a' },
        },
      ],
      notExist: ['5285485487985271488'],
      requestId: 'req-1',
    });
  });

  it('reads null parts as none, and empty or absent lists as empty', () => {
    expect(sut.parse({ MediaInfoSet: [{ ...MEDIA_INFO, BasicInfo: null, MetaData: null }], RequestId: 'r' })).toEqual({
      media: [{ fileId: MEDIA_INFO.FileId, basicInfo: null, metaData: null }],
      notExist: [],
      requestId: 'r',
    });
    expect(sut.parse({ MediaInfoSet: null, NotExistFileIdSet: [], RequestId: 'r' })).toEqual({ media: [], notExist: [], requestId: 'r' });
  });

  it("reads SourceInfo.SourceContext, the context the upload's signature or ApplyUpload carried", () => {
    const sourceInfo = { SourceType: 'Upload', SourceContext: 'uploadId=upl_a&userId=alice' };
    const [media] = sut.parse({
      MediaInfoSet: [{ ...MEDIA_INFO, BasicInfo: { ...MEDIA_INFO.BasicInfo, SourceInfo: sourceInfo } }],
      RequestId: 'r',
    }).media;
    expect(media.basicInfo?.sourceContext).toBe('uploadId=upl_a&userId=alice');
    const [bare] = sut.parse({ MediaInfoSet: [{ ...MEDIA_INFO, BasicInfo: { Type: 'mp4', SourceInfo: null } }], RequestId: 'r' }).media;
    expect(bare.basicInfo?.sourceContext).toBeNull();
  });

  it('reads a metadata without Duration as no duration', () => {
    const [media] = sut.parse({ MediaInfoSet: [{ ...MEDIA_INFO, MetaData: { Size: 1 } }], RequestId: 'r' }).media;
    expect(media.metaData).toEqual({ size: 1, durationSeconds: null, container: null });
  });

  it.each([
    ['no RequestId', { MediaInfoSet: [] }],
    ['a MediaInfoSet that is not a list', { MediaInfoSet: {}, RequestId: 'r' }],
    ['a media without FileId', { MediaInfoSet: [{ ...MEDIA_INFO, FileId: undefined }], RequestId: 'r' }],
    ['a metadata without Size', { MediaInfoSet: [{ ...MEDIA_INFO, MetaData: { Duration: 3 } }], RequestId: 'r' }],
    ['a negative Size', { MediaInfoSet: [{ ...MEDIA_INFO, MetaData: { Size: -1 } }], RequestId: 'r' }],
    ['a Duration in text', { MediaInfoSet: [{ ...MEDIA_INFO, MetaData: { Size: 1, Duration: '3' } }], RequestId: 'r' }],
    ['a BasicInfo that is a list', { MediaInfoSet: [{ ...MEDIA_INFO, BasicInfo: [] }], RequestId: 'r' }],
    [
      'a SourceInfo that is text',
      { MediaInfoSet: [{ ...MEDIA_INFO, BasicInfo: { ...MEDIA_INFO.BasicInfo, SourceInfo: 'x' } }], RequestId: 'r' },
    ],
    ['a missing id that is not text', { NotExistFileIdSet: [1], RequestId: 'r' }],
  ])('refuses an answer with %s', (_case, raw) => {
    expect(() => sut.parse(raw as Record<string, unknown>)).toThrow(InvalidVodResponseError);
  });
});

describe('DELETE_MEDIA', () => {
  const sut = DELETE_MEDIA;

  it('reads the documented answer (a RequestId only) as deleted', () => {
    expect(sut.parse({ RequestId: 'req-d' })).toEqual({ deleted: true, requestId: 'req-d' });
  });

  it.each(['ResourceNotFound', 'ResourceNotFound.FileNotExist'])('answers %s as a file already gone', (code) => {
    expect(sut.recover?.({ code, requestId: 'req-g' })).toEqual({ deleted: false, requestId: 'req-g' });
  });

  it.each(['FailedOperation', 'InternalError', 'UnauthorizedOperation', 'ResourceNotFound.Other'])('leaves %s a failure', (code) => {
    expect(sut.recover?.({ code, requestId: 'r' })).toBeUndefined();
  });
});
