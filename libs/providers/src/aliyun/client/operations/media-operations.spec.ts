import { DELETE_MEDIA_INFOS, GET_MEDIA_INFO } from './ice-media.operations';
import {
  DELETE_ATTACHED_MEDIA,
  DELETE_IMAGE,
  DELETE_VIDEO,
  GET_ATTACHED_MEDIA_INFO,
  GET_IMAGE_INFO,
  GET_MEZZANINE_INFO,
  GET_VIDEO_INFO,
} from './vod-media.operations';

// The documented sample answers (generated response models' @example values), read by each operation.

describe('VOD lookup and delete operations', () => {
  it('send the id (and the fixed parameters) the way the generated SDK does', () => {
    expect(GET_VIDEO_INFO.toQuery({ videoId: 'v' })).toEqual({ VideoId: 'v' });
    expect(GET_MEZZANINE_INFO.toQuery({ videoId: 'v' })).toEqual({ VideoId: 'v', OutputType: 'oss' });
    expect(GET_IMAGE_INFO.toQuery({ imageId: 'i' })).toEqual({ ImageId: 'i' });
    expect(GET_ATTACHED_MEDIA_INFO.toQuery({ mediaId: 'm' })).toEqual({ MediaIds: 'm', OutputType: 'oss' });
    expect(DELETE_VIDEO.toQuery({ videoId: 'v' })).toEqual({ VideoIds: 'v' });
    expect(DELETE_IMAGE.toQuery({ imageId: 'i' })).toEqual({ DeleteImageType: 'ImageId', ImageIds: 'i' });
    expect(DELETE_ATTACHED_MEDIA.toQuery({ mediaId: 'm' })).toEqual({ MediaIds: 'm' });
  });

  it('read a video: Duration a float, Size a number; 0 and absent figures are left out', () => {
    const body = { RequestId: 'R', Video: { VideoId: 'v', Status: 'Normal', Duration: 135.6, Size: 10897890 } };
    expect(GET_VIDEO_INFO.parse(body)).toEqual({ requestId: 'R', info: { status: 'Normal', duration: 135.6, size: 10897890 } });
    expect(GET_VIDEO_INFO.parse({ RequestId: 'R', Video: { Status: 'Uploading', Duration: 0 } }).info).toEqual({
      status: 'Uploading',
      duration: undefined,
      size: undefined,
    });
    expect(() => GET_VIDEO_INFO.parse({ RequestId: 'R', Video: {} })).toThrow(/Status/);
  });

  it('read the mezzanine: Duration a string', () => {
    const mezzanine = { Status: 'Normal', Size: 4096477, Duration: '42.4930', FileName: 'a.mp4', FileURL: 'http://b/a.mp4' };
    expect(GET_MEZZANINE_INFO.parse({ RequestId: 'R', Mezzanine: mezzanine }).info).toEqual({
      status: 'Normal',
      size: 4096477,
      duration: 42.493,
      fileName: 'a.mp4',
      fileURL: 'http://b/a.mp4',
    });
    expect(GET_MEZZANINE_INFO.parse({ RequestId: 'R', Mezzanine: { Duration: 'n/a', Size: -1 } }).info).toMatchObject({
      duration: undefined,
      size: undefined,
    });
  });

  it('read an image: Mezzanine.FileSize a string', () => {
    const image = {
      Status: 'Normal',
      URL: 'http://cdn/x.gif',
      Mezzanine: { FileSize: '8932', FileURL: 'https://oss/x.gif', OriginalFileName: 'x.gif' },
    };
    expect(GET_IMAGE_INFO.parse({ RequestId: 'R', ImageInfo: image }).info).toEqual({
      status: 'Normal',
      fileSize: 8932,
      url: 'http://cdn/x.gif',
      fileURL: 'https://oss/x.gif',
      originalFileName: 'x.gif',
    });
  });

  it('read attached media: the listed entry, or nothing when the id is in NonExistMediaIds', () => {
    const listed = {
      RequestId: 'R',
      AttachedMediaList: [{ MediaId: 'm', Status: 'Normal', URL: 'https://x/s.vtt' }],
      NonExistMediaIds: [],
    };
    expect(GET_ATTACHED_MEDIA_INFO.parse(listed).info).toEqual({ status: 'Normal', url: 'https://x/s.vtt' });
    expect(GET_ATTACHED_MEDIA_INFO.parse({ RequestId: 'R', AttachedMediaList: [], NonExistMediaIds: ['m'] }).info).toBeUndefined();
  });

  it('read a delete: done, already gone (NonExist...), or refused (ForbiddenVideoIds)', () => {
    expect(DELETE_VIDEO.parse({ RequestId: 'R' })).toEqual({ requestId: 'R', existed: true });
    expect(DELETE_VIDEO.parse({ RequestId: 'R', NonExistVideoIds: ['v'] })).toEqual({ requestId: 'R', existed: false });
    expect(() => DELETE_VIDEO.parse({ RequestId: 'R', ForbiddenVideoIds: ['v'] })).toThrow(/ForbiddenVideoIds/);
    expect(DELETE_ATTACHED_MEDIA.parse({ RequestId: 'R', NonExistMediaIds: ['m'] }).existed).toBe(false);
    expect(DELETE_IMAGE.parse({ RequestId: 'R' }).existed).toBe(true);
  });

  it('stand for "no such media" with their not-found codes', () => {
    expect(GET_VIDEO_INFO.absent?.codes).toContain('InvalidVideo.NotFound');
    expect(GET_VIDEO_INFO.absent?.answer('R')).toEqual({ requestId: 'R' });
    expect(DELETE_VIDEO.absent?.answer('R')).toEqual({ requestId: 'R', existed: false });
    // GetImageInfo and DeleteImage document NoSuchResource (404); the ECS-style codes are not VOD's.
    expect(GET_IMAGE_INFO.absent?.codes).toEqual(['NoSuchResource']);
    expect(DELETE_IMAGE.absent?.codes).toEqual(['NoSuchResource']);
    expect(DELETE_IMAGE.absent?.answer('R')).toEqual({ requestId: 'R', existed: false });
    // Attached media: unknown ids come back in NonExistMediaIds, so no error code means "no such media".
    expect(GET_ATTACHED_MEDIA_INFO.absent?.codes ?? []).toEqual([]);
    expect(DELETE_ATTACHED_MEDIA.absent?.codes ?? []).toEqual([]);
  });
});

describe('ICE lookup and delete operations', () => {
  it('stand for "no such media" with IMS\'s common ResourceNotFound only', () => {
    expect(GET_MEDIA_INFO.absent?.codes).toEqual(['ResourceNotFound']);
    expect(DELETE_MEDIA_INFOS.absent?.codes).toEqual(['ResourceNotFound']);
    expect(DELETE_MEDIA_INFOS.absent?.answer('R')).toEqual({ requestId: 'R', existed: false });
  });

  it('read the media status and its source file (every figure a string)', () => {
    const body = {
      RequestId: 'R',
      MediaInfo: {
        MediaBasicInfo: { Status: 'Normal' },
        FileInfoList: [
          { FileBasicInfo: { FileType: 'transcode_file', FileSize: '1' } },
          {
            FileBasicInfo: {
              FileType: 'source_file',
              FileSize: '30611502',
              Duration: '216.206667',
              FormatName: 'mov,mp4,m4a,3gp,3g2,mj2',
              FileName: 'example.mp4',
              FileUrl: 'http://b/example.mp4',
            },
          },
        ],
      },
    };
    expect(GET_MEDIA_INFO.parse(body).info).toEqual({
      status: 'Normal',
      fileSize: 30611502,
      duration: 216.206667,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      fileName: 'example.mp4',
      fileUrl: 'http://b/example.mp4',
    });
    expect(GET_MEDIA_INFO.parse({ RequestId: 'R', MediaInfo: { MediaBasicInfo: { Status: 'Init' }, FileInfoList: [] } }).info).toEqual({
      status: 'Init',
    });
  });

  it('delete with the physical files, reading IgnoredList as already gone and ForbiddenList as refused', () => {
    expect(DELETE_MEDIA_INFOS.toQuery({ mediaId: 'm' })).toEqual({ MediaIds: 'm', DeletePhysicalFiles: 'true' });
    expect(DELETE_MEDIA_INFOS.parse({ RequestId: 'R', IgnoredList: [], ForbiddenList: [] })).toEqual({ requestId: 'R', existed: true });
    expect(DELETE_MEDIA_INFOS.parse({ RequestId: 'R', IgnoredList: ['m'] }).existed).toBe(false);
    expect(() => DELETE_MEDIA_INFOS.parse({ RequestId: 'R', ForbiddenList: ['m'] })).toThrow(/ForbiddenList/);
  });
});
