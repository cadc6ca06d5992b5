import { VOD_DELETE_IMAGE_TYPE, VOD_IMAGE_NOT_FOUND, VOD_MEDIA_NOT_FOUND, VOD_VIDEO_NOT_FOUND } from '../../aliyun.facts';
import {
  asObject,
  definedOnly,
  optionalArray,
  optionalObject,
  optionalPositiveNumber,
  optionalString,
  requiredString,
  UnexpectedAnswerError,
} from './aliyun-operation';
import { vodOperation } from './vod.operations';

// What VOD stores under an id, and its removal: GetVideoInfo, GetMezzanineInfo, GetImageInfo,
// GetAttachedMediaInfo, DeleteVideo, DeleteImage, DeleteAttachedMedia, read as the generated
// @alicloud/vod20170321 models name the fields. "No such media" is an answer here (`absent`), never an error.

export interface VideoIdRequest {
  videoId: string;
}

export interface ImageIdRequest {
  imageId: string;
}

export interface MediaIdRequest {
  mediaId: string;
}

/** GetVideoInfo's Video, as far as verification reads it; absent: no such video. */
export interface VodVideoInfo {
  status: string;
  /** Bytes of the source file. */
  size?: number;
  /** Seconds (a Float in the API). */
  duration?: number;
}

/** GetMezzanineInfo's Mezzanine: the source file. */
export interface VodMezzanineInfo {
  status?: string;
  size?: number;
  /** Seconds (a String in the API, "42.4930"). */
  duration?: number;
  fileName?: string;
  fileURL?: string;
}

/** GetImageInfo's ImageInfo. */
export interface VodImageInfo {
  status: string;
  /** Mezzanine.FileSize (a String in the API). */
  fileSize?: number;
  url?: string;
  fileURL?: string;
  originalFileName?: string;
}

/** One entry of GetAttachedMediaInfo's AttachedMediaList (no size in the API). */
export interface VodAttachedMediaInfo {
  status: string;
  url?: string;
}

export interface VodLookup<Info> {
  requestId: string;
  /** Undefined when VOD has no such media. */
  info?: Info;
}

export interface VodDeletion {
  requestId: string;
  /** False when VOD had no such media (already gone). */
  existed: boolean;
}

const nothing = (requestId: string) => ({ requestId });
const gone = (requestId: string): VodDeletion => ({ requestId, existed: false });
/** The id is ours, never the client's: a refusal that names it is our fault (502). */
const ours = (parameter: string) => ({ [parameter]: null });

/**
 * A delete of our one id: listed as forbidden (permissions), nothing was removed and the call failed;
 * listed as not existing, it was already gone.
 */
function deletion(body: Record<string, unknown>, forbiddenField: string | undefined, missingField: string): VodDeletion {
  if (forbiddenField && optionalArray(body, forbiddenField).length > 0) {
    throw new UnexpectedAnswerError(`the media is listed in ${forbiddenField}: our key may not delete it`);
  }
  return { requestId: requiredString(body, 'RequestId'), existed: optionalArray(body, missingField).length === 0 };
}

export const GET_VIDEO_INFO = vodOperation<VideoIdRequest, VodLookup<VodVideoInfo>>({
  action: 'GetVideoInfo',
  fields: ours('VideoId'),
  absent: { codes: VOD_VIDEO_NOT_FOUND, answer: nothing },
  toQuery: (request) => definedOnly({ VideoId: request.videoId }),
  parse: (body) => {
    const video = optionalObject(body, 'Video');
    return {
      requestId: requiredString(body, 'RequestId'),
      info: video && {
        status: requiredString(video, 'Status'),
        size: optionalPositiveNumber(video, 'Size'),
        duration: optionalPositiveNumber(video, 'Duration'),
      },
    };
  },
});

export const GET_MEZZANINE_INFO = vodOperation<VideoIdRequest, VodLookup<VodMezzanineInfo>>({
  action: 'GetMezzanineInfo',
  fields: ours('VideoId'),
  absent: { codes: VOD_VIDEO_NOT_FOUND, answer: nothing },
  // OutputType oss: the source file's own URL, not a CDN one.
  toQuery: (request) => definedOnly({ VideoId: request.videoId, OutputType: 'oss' }),
  parse: (body) => {
    const mezzanine = optionalObject(body, 'Mezzanine');
    return {
      requestId: requiredString(body, 'RequestId'),
      info: mezzanine && {
        status: optionalString(mezzanine, 'Status'),
        size: optionalPositiveNumber(mezzanine, 'Size'),
        duration: optionalPositiveNumber(mezzanine, 'Duration'),
        fileName: optionalString(mezzanine, 'FileName'),
        fileURL: optionalString(mezzanine, 'FileURL'),
      },
    };
  },
});

export const GET_IMAGE_INFO = vodOperation<ImageIdRequest, VodLookup<VodImageInfo>>({
  action: 'GetImageInfo',
  fields: ours('ImageId'),
  absent: { codes: VOD_IMAGE_NOT_FOUND, answer: nothing },
  toQuery: (request) => definedOnly({ ImageId: request.imageId }),
  parse: (body) => {
    const image = optionalObject(body, 'ImageInfo');
    const mezzanine = optionalObject(image, 'Mezzanine');
    return {
      requestId: requiredString(body, 'RequestId'),
      info: image && {
        status: requiredString(image, 'Status'),
        fileSize: optionalPositiveNumber(mezzanine, 'FileSize'),
        url: optionalString(image, 'URL'),
        fileURL: optionalString(mezzanine, 'FileURL'),
        originalFileName: optionalString(mezzanine, 'OriginalFileName'),
      },
    };
  },
});

/** The action is GetAttachedMediaInfo (singular), for up to 20 MediaIds; unknown ids come back in NonExistMediaIds. */
export const GET_ATTACHED_MEDIA_INFO = vodOperation<MediaIdRequest, VodLookup<VodAttachedMediaInfo>>({
  action: 'GetAttachedMediaInfo',
  fields: ours('MediaIds'),
  absent: { codes: VOD_MEDIA_NOT_FOUND, answer: nothing },
  toQuery: (request) => definedOnly({ MediaIds: request.mediaId, OutputType: 'oss' }),
  parse: (body) => {
    // One id asked, so at most one entry.
    const entry = asObject(optionalArray(body, 'AttachedMediaList')[0]);
    return {
      requestId: requiredString(body, 'RequestId'),
      info: entry && { status: requiredString(entry, 'Status'), url: optionalString(entry, 'URL') },
    };
  },
});

export const DELETE_VIDEO = vodOperation<VideoIdRequest, VodDeletion>({
  action: 'DeleteVideo',
  fields: ours('VideoIds'),
  // "If none of the videos in the list exists, a 404 error is returned" (DeleteVideoResponseBody model).
  absent: { codes: VOD_VIDEO_NOT_FOUND, answer: gone },
  toQuery: (request) => definedOnly({ VideoIds: request.videoId }),
  parse: (body) => deletion(body, 'ForbiddenVideoIds', 'NonExistVideoIds'),
});

export const DELETE_IMAGE = vodOperation<ImageIdRequest, VodDeletion>({
  action: 'DeleteImage',
  fields: { ...ours('ImageIds'), DeleteImageType: null },
  absent: { codes: VOD_IMAGE_NOT_FOUND, answer: gone },
  toQuery: (request) => definedOnly({ DeleteImageType: VOD_DELETE_IMAGE_TYPE, ImageIds: request.imageId }),
  parse: (body) => ({ requestId: requiredString(body, 'RequestId'), existed: true }),
});

export const DELETE_ATTACHED_MEDIA = vodOperation<MediaIdRequest, VodDeletion>({
  action: 'DeleteAttachedMedia',
  fields: ours('MediaIds'),
  absent: { codes: VOD_MEDIA_NOT_FOUND, answer: gone },
  toQuery: (request) => definedOnly({ MediaIds: request.mediaId }),
  parse: (body) => deletion(body, undefined, 'NonExistMediaIds'),
});
