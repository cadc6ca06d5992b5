import type {
  DeleteMediaRequest,
  DescribeMediaInfosRequest,
} from 'tencentcloud-sdk-nodejs-vod/tencentcloud/services/vod/v20180717/vod_models';
import { TENCENT_VOD_FILE_GONE_CODES } from '../../tencent.facts';
import { InvalidVodResponseError, optionalText, type TencentOperation, text } from './tencent-operation';

export type { DeleteMediaRequest, DescribeMediaInfosRequest };

/** What DescribeMediaInfos says of one file: its basicInfo and metaData parts, each null when VOD gives none. */
export interface DescribedMedia {
  fileId: string;
  /** `sourceContext`: SourceInfo.SourceContext, what the upload's ApplyUpload or signature carried (ours names the upload). */
  basicInfo: { name: string | null; type: string | null; mediaUrl: string | null; sourceContext: string | null } | null;
  /** Null until VOD has read the file (or when the part was not asked for). */
  metaData: { size: number; durationSeconds: number | null; container: string | null } | null;
}

/** DescribeMediaInfos' answer, checked: the files found, and the ids VOD does not know. */
export interface DescribedMediaInfos {
  media: DescribedMedia[];
  notExist: string[];
  requestId: string;
}

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An array the docs may send as null or leave out when empty. */
function list(raw: Raw, field: string): unknown[] {
  const value = raw[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidVodResponseError(`${field} is not a list`);
  return value;
}

/** A part of MediaInfo: an object, or null ("此字段可能返回 null"). */
function part(raw: Raw, field: string): Raw | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new InvalidVodResponseError(`${field} is not an object`);
  return value;
}

function nonNegative(raw: Raw, field: string): number | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidVodResponseError(`${field} is not a number`);
  return value;
}

function describedMedia(item: unknown): DescribedMedia {
  if (!isObject(item)) throw new InvalidVodResponseError('MediaInfoSet holds a non-object');
  const basic = part(item, 'BasicInfo');
  const source = basic && part(basic, 'SourceInfo');
  const meta = part(item, 'MetaData');
  const size = meta && nonNegative(meta, 'Size');
  if (meta && size === null) throw new InvalidVodResponseError('MetaData.Size is missing');
  return {
    fileId: text(item, 'FileId'),
    basicInfo: basic && {
      name: optionalText(basic, 'Name'),
      type: optionalText(basic, 'Type'),
      mediaUrl: optionalText(basic, 'MediaUrl'),
      sourceContext: source && optionalText(source, 'SourceContext'),
    },
    metaData: meta && { size: size as number, durationSeconds: nonNegative(meta, 'Duration'), container: optionalText(meta, 'Container') },
  };
}

/** DescribeMediaInfos: what VOD stores under file ids (at most TENCENT_VOD_DESCRIBE_MAX_FILE_IDS a call). */
export const DESCRIBE_MEDIA_INFOS: TencentOperation<DescribeMediaInfosRequest, DescribedMediaInfos> = {
  provider: 'tencent-vod',
  action: 'DescribeMediaInfos',
  parse(raw) {
    const notExist = list(raw, 'NotExistFileIdSet');
    if (notExist.some((id) => typeof id !== 'string')) throw new InvalidVodResponseError('NotExistFileIdSet holds a non-string');
    return { media: list(raw, 'MediaInfoSet').map(describedMedia), notExist: notExist as string[], requestId: text(raw, 'RequestId') };
  },
};

/** DeleteMedia's answer: `deleted` false when VOD no longer had the file (already gone is not a failure). */
export interface DeletedMedia {
  deleted: boolean;
  requestId: string;
}

/** DeleteMedia without DeleteParts: the file and everything VOD made from it. */
export const DELETE_MEDIA: TencentOperation<DeleteMediaRequest, DeletedMedia> = {
  provider: 'tencent-vod',
  action: 'DeleteMedia',
  parse: (raw) => ({ deleted: true, requestId: text(raw, 'RequestId') }),
  recover: ({ code, requestId }) => (TENCENT_VOD_FILE_GONE_CODES.includes(code) ? { deleted: false, requestId } : undefined),
};
