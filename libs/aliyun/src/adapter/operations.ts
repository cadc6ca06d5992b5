import type { UpstreamProvider } from '@app/config';
import { ICE_API_VERSION, VOD_API_VERSION } from '../aliyun.constants';
import {
  CreateUploadMediaResponseBody,
  RefreshUploadMediaResponseBody,
} from '../models/ice.models';
import {
  CreateUploadAttachedMediaResponseBody,
  CreateUploadImageResponseBody,
  UploadVideoResponseBody,
} from '../models/vod.models';

export type AliyunProduct = 'vod' | 'ice';

/** Our field for a provider parameter, or null when the server owns the parameter (its refusal is our fault: 502). */
export type FieldMap = Record<string, string | null>;

export interface AliyunOperation<Result> {
  product: AliyunProduct;
  /** Emulator, log and upstream-budget name of the provider. */
  provider: UpstreamProvider;
  action: string;
  version: string;
  /** Provider parameters (also dotted JSON keys for ICE) as they may appear in an error message. */
  fields: FieldMap;
  /** The field a caller-fault error points at when its message names none. */
  defaultFields: Record<string, string>;
  /** A refresh answers "not found" with 404, like an id we never issued. */
  isRefresh: boolean;
  parse(body: Record<string, unknown>): Result;
}

const SERVER_OWNED: FieldMap = { AppId: null, StorageLocation: null, UserData: null, TemplateGroupId: null, WorkflowId: null, CateId: null, CateIds: null };
const TAGS_AND_NAMES = { TagsExceededMax: 'tags', 'InvalidFileName.Extension': 'fileName' };

function vod<R>(action: string, fields: FieldMap, parse: (body: Record<string, unknown>) => R, extra: Partial<AliyunOperation<R>> = {}): AliyunOperation<R> {
  return { product: 'vod', provider: 'aliyun-vod', action, version: VOD_API_VERSION, fields: { ...SERVER_OWNED, ...fields }, defaultFields: TAGS_AND_NAMES, isRefresh: false, parse, ...extra };
}

export const CREATE_UPLOAD_VIDEO = vod(
  'CreateUploadVideo',
  { Title: 'title', FileName: 'fileName', FileSize: 'fileSize', Description: 'description', CoverURL: 'coverUrl', Tags: 'tags', ReferenceId: null },
  UploadVideoResponseBody.from,
);

export const REFRESH_UPLOAD_VIDEO = vod('RefreshUploadVideo', { VideoId: 'videoId' }, UploadVideoResponseBody.from, {
  isRefresh: true,
  defaultFields: { 'InvalidVideo.Damaged': 'videoId' },
});

export const CREATE_UPLOAD_IMAGE = vod(
  'CreateUploadImage',
  { ImageType: 'imageType', ImageExt: 'imageExt', Title: 'title', Description: 'description', Tags: 'tags', OriginalFileName: 'originalFileName' },
  CreateUploadImageResponseBody.from,
  { defaultFields: { TagsExceededMax: 'tags', 'InvalidFileName.Extension': 'originalFileName' } },
);

export const CREATE_UPLOAD_ATTACHED_MEDIA = vod(
  'CreateUploadAttachedMedia',
  { BusinessType: 'businessType', MediaExt: 'mediaExt', Title: 'title', FileName: 'fileName', FileSize: 'fileSize', Description: 'description', Tags: 'tags' },
  CreateUploadAttachedMediaResponseBody.from,
);

const ICE_FIELDS: FieldMap = {
  AppId: null,
  UserData: null,
  UploadTargetConfig: null,
  'UploadTargetConfig.StorageType': null,
  'UploadTargetConfig.StorageLocation': null,
  PostProcessConfig: null,
  'PostProcessConfig.ProcessType': null,
  'PostProcessConfig.ProcessID': null,
  'MediaMetaData.CateId': null,
  EntityId: 'entityId',
  FileInfo: 'fileInfo',
  'FileInfo.Type': 'fileInfo.type',
  'FileInfo.Name': 'fileInfo.name',
  'FileInfo.Size': 'fileInfo.size',
  'FileInfo.Ext': 'fileInfo.ext',
  MediaMetaData: 'mediaMetaData',
  'MediaMetaData.Title': 'mediaMetaData.title',
  'MediaMetaData.Description': 'mediaMetaData.description',
  'MediaMetaData.Tags': 'mediaMetaData.tags',
  'MediaMetaData.BusinessType': 'mediaMetaData.businessType',
  'MediaMetaData.CoverURL': 'mediaMetaData.coverUrl',
  // Messages may name the inner key alone.
  Title: 'mediaMetaData.title',
  Description: 'mediaMetaData.description',
  Tags: 'mediaMetaData.tags',
  BusinessType: 'mediaMetaData.businessType',
  CoverURL: 'mediaMetaData.coverUrl',
  Ext: 'fileInfo.ext',
};

export const CREATE_UPLOAD_MEDIA: AliyunOperation<CreateUploadMediaResponseBody> = {
  product: 'ice',
  provider: 'aliyun-ice',
  action: 'CreateUploadMedia',
  version: ICE_API_VERSION,
  fields: ICE_FIELDS,
  defaultFields: { TagsExceededMax: 'mediaMetaData.tags', 'InvalidFileName.Extension': 'fileInfo.ext' },
  isRefresh: false,
  parse: CreateUploadMediaResponseBody.from,
};

export const REFRESH_UPLOAD_MEDIA: AliyunOperation<RefreshUploadMediaResponseBody> = {
  product: 'ice',
  provider: 'aliyun-ice',
  action: 'RefreshUploadMedia',
  version: ICE_API_VERSION,
  fields: { MediaId: 'mediaId' },
  defaultFields: {},
  isRefresh: true,
  parse: RefreshUploadMediaResponseBody.from,
};
