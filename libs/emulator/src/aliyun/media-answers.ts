import { isoSeconds } from '@app/common';
import { ICE_STATUS, VOD_MAX_IDS_PER_CALL, VOD_STATUS } from './aliyun.facts';
import { AliyunFault } from './errors';
import type { EmulatedMedia } from './media-catalog';
import type { Params } from './param-checks';

// The shapes of the lookup answers, from the generated response models, for the VOD and ICE emulators.

const stored = (media: EmulatedMedia) => media.state === 'stored';
const storageLocation = (media: EmulatedMedia) => `${media.target.bucket}.oss-${media.target.region}.aliyuncs.com`;

/** The comma-separated ids of a batch parameter, at most 20. */
export function idList(params: Params, name: string): string[] {
  const ids = params
    .required(name)
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (ids.length === 0) throw AliyunFault.missing(name);
  if (ids.length > VOD_MAX_IDS_PER_CALL) throw AliyunFault.invalid(name);
  return ids;
}

/** A file name or URL with the extension the control set (the emulator reads no media, so the test says). */
export function withFormat(name: string, format: string | undefined): string {
  if (format === undefined) return name;
  return name.replace(/(\.[A-Za-z0-9]+)?((?:\?.*)?)$/, (_match, _ext, query: string) => `.${format}${query}`);
}

const baseName = (objectKey: string) => objectKey.split('/').pop() ?? objectKey;

export function videoInfo(media: EmulatedMedia) {
  return {
    VideoId: media.id,
    Title: media.title,
    Status: VOD_STATUS[media.state],
    CreationTime: isoSeconds(media.createdAt.getTime()),
    StorageLocation: storageLocation(media),
    ...(stored(media) ? { Size: media.size, ...(media.duration === undefined ? {} : { Duration: media.duration }) } : {}),
  };
}

/** Strings where the model has strings (Duration "42.4930"), the file's name with its extension. */
export function mezzanineInfo(media: EmulatedMedia) {
  return {
    VideoId: media.id,
    Status: VOD_STATUS[media.state],
    FileName: withFormat(baseName(media.objectKey), media.format),
    FileURL: media.fileUrl,
    OutputType: 'oss',
    CreationTime: isoSeconds(media.createdAt.getTime()),
    ...(stored(media) ? { Size: media.size, ...(media.duration === undefined ? {} : { Duration: media.duration.toFixed(4) }) } : {}),
  };
}

export function imageInfo(media: EmulatedMedia) {
  const url = withFormat(media.fileUrl, media.format);
  return {
    ImageId: media.id,
    Title: media.title,
    ImageType: media.type,
    Status: VOD_STATUS[media.state],
    CreationTime: isoSeconds(media.createdAt.getTime()),
    StorageLocation: storageLocation(media),
    URL: url,
    Mezzanine: { FileURL: url, OriginalFileName: baseName(url), ...(stored(media) ? { FileSize: String(media.size) } : {}) },
  };
}

/** No size: GetAttachedMediaInfo does not report one. */
export function attachedMediaInfo(media: EmulatedMedia) {
  return {
    MediaId: media.id,
    Title: media.title,
    Type: media.type,
    Status: VOD_STATUS[media.state],
    CreationTime: isoSeconds(media.createdAt.getTime()),
    StorageLocation: storageLocation(media),
    URL: withFormat(media.fileUrl, media.format),
  };
}

/** MediaBasicInfo, and the source file in FileInfoList once it is stored (strings, as in the model). */
export function iceMediaInfo(media: EmulatedMedia, region: string) {
  const created = isoSeconds(media.createdAt.getTime());
  const fileName = withFormat(baseName(media.objectKey), media.format);
  const file = {
    FileBasicInfo: {
      FileName: fileName,
      FileSize: String(media.size ?? 0),
      FileStatus: 'Normal',
      FileType: 'source_file',
      FileUrl: media.fileUrl,
      FormatName: media.format ?? fileName.split('.').pop(),
      Region: region,
      CreateTime: created,
      ...(media.duration === undefined ? {} : { Duration: String(media.duration) }),
    },
  };
  return {
    MediaId: media.id,
    MediaBasicInfo: {
      MediaId: media.id,
      Title: media.title,
      MediaType: media.type,
      Status: ICE_STATUS[media.state],
      Source: 'oss',
      CreateTime: created,
    },
    FileInfoList: stored(media) ? [file] : [],
  };
}
