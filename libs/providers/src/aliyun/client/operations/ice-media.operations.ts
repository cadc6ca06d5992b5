import { ICE_API_VERSION, ICE_MEDIA_NOT_FOUND } from '../../aliyun.facts';
import {
  type AliyunOperation,
  asObject,
  definedOnly,
  optionalArray,
  optionalObject,
  optionalPositiveNumber,
  optionalString,
  requiredString,
  UnexpectedAnswerError,
} from './aliyun-operation';

// ICE 2020-11-09 GetMediaInfo and DeleteMediaInfos, as the generated @alicloud/ice20201109 models name the
// fields: MediaInfo.MediaBasicInfo (Status) and MediaInfo.FileInfoList[].FileBasicInfo (FileSize, Duration,
// FormatName, FileUrl, all strings). "No such media" is an answer here (`absent`), never an error.

export interface IceMediaIdRequest {
  mediaId: string;
}

/** What verification reads of an IMS media asset: its status and its first (source) file. */
export interface IceMediaInfo {
  status: string;
  /** Bytes. */
  fileSize?: number;
  /** Seconds. */
  duration?: number;
  /** The container format as IMS names it ("mov,mp4,m4a,3gp,3g2,mj2"). */
  formatName?: string;
  fileName?: string;
  fileUrl?: string;
}

export interface GetMediaInfoResponseBody {
  requestId: string;
  /** Undefined when IMS has no such media. */
  info?: IceMediaInfo;
}

export interface DeleteMediaInfosResponseBody {
  requestId: string;
  /** False when IMS had no such media (already gone). */
  existed: boolean;
}

const ICE_LOOKUP = {
  provider: 'aliyun-ice',
  product: 'ice',
  version: ICE_API_VERSION,
  // The id is ours, never the client's: a refusal that names it is our fault (502).
  fields: { MediaId: null, MediaIds: null, DeletePhysicalFiles: null },
  defaultFields: {},
  isRefresh: false,
} as const;

export const GET_MEDIA_INFO: AliyunOperation<IceMediaIdRequest, GetMediaInfoResponseBody> = {
  ...ICE_LOOKUP,
  action: 'GetMediaInfo',
  absent: { codes: ICE_MEDIA_NOT_FOUND, answer: (requestId) => ({ requestId }) },
  toQuery: (request) => definedOnly({ MediaId: request.mediaId }),
  parse: (body) => {
    const media = optionalObject(body, 'MediaInfo');
    const basic = optionalObject(media, 'MediaBasicInfo');
    // The source file comes first; FileType source_file says so where the list has more.
    const files = optionalArray(media, 'FileInfoList').map((entry) => optionalObject(asObject(entry), 'FileBasicInfo'));
    const file = files.find((candidate) => optionalString(candidate, 'FileType') === 'source_file') ?? files[0];
    return {
      requestId: requiredString(body, 'RequestId'),
      info: media && {
        status: requiredString(basic ?? {}, 'Status'),
        fileSize: optionalPositiveNumber(file, 'FileSize'),
        duration: optionalPositiveNumber(file, 'Duration'),
        formatName: optionalString(file, 'FormatName'),
        fileName: optionalString(file, 'FileName'),
        fileUrl: optionalString(file, 'FileUrl'),
      },
    };
  },
};

/** With DeletePhysicalFiles=true, the stored file goes too, not only the asset's record. */
export const DELETE_MEDIA_INFOS: AliyunOperation<IceMediaIdRequest, DeleteMediaInfosResponseBody> = {
  ...ICE_LOOKUP,
  action: 'DeleteMediaInfos',
  absent: { codes: ICE_MEDIA_NOT_FOUND, answer: (requestId) => ({ requestId, existed: false }) },
  toQuery: (request) => definedOnly({ MediaIds: request.mediaId, DeletePhysicalFiles: 'true' }),
  parse: (body) => {
    // ForbiddenList: "cannot be deleted ... if you do not have the required permissions"; IgnoredList: the
    // ids IMS could not find (DeleteMediaInfosResponseBody model).
    if (optionalArray(body, 'ForbiddenList').length > 0) {
      throw new UnexpectedAnswerError('the media is listed in ForbiddenList: our key may not delete it');
    }
    return { requestId: requiredString(body, 'RequestId'), existed: optionalArray(body, 'IgnoredList').length === 0 };
  },
};
