import { ICE_API_VERSION } from '../../aliyun.facts';
import {
  type AliyunOperation,
  credentialAnswer,
  definedOnly,
  type FieldMap,
  optionalString,
  requiredString,
  type UploadCredentialAnswer,
} from './aliyun-operation';

// ICE 2020-11-09 CreateUploadMedia and RefreshUploadMedia, as in the generated @alicloud/ice20201109
// models: FileInfo, MediaMetaData, UploadTargetConfig, PostProcessConfig and UserData are JSON
// strings with PascalCase keys.

export interface IceFileInfo {
  Type: string;
  Name: string;
  Size?: number;
  Ext: string;
}

export interface IceMediaMetaData {
  Title: string;
  Description?: string;
  /** Comma-separated. */
  Tags?: string;
  CateId?: number;
  BusinessType: string;
  CoverURL?: string;
}

export interface IceUploadTargetConfig {
  StorageType: string;
  StorageLocation: string;
}

export interface IcePostProcessConfig {
  ProcessType: string;
  ProcessID: string;
}

export interface CreateUploadMediaRequest {
  appId?: string;
  entityId?: string;
  fileInfo: IceFileInfo;
  mediaMetaData: IceMediaMetaData;
  postProcessConfig?: IcePostProcessConfig;
  uploadTargetConfig?: IceUploadTargetConfig;
  userData?: string;
}

export interface CreateUploadMediaResponseBody extends UploadCredentialAnswer {
  mediaId: string;
  mediaURL?: string;
  fileURL?: string;
}

export interface RefreshUploadMediaRequest {
  mediaId: string;
}

export interface RefreshUploadMediaResponseBody extends UploadCredentialAnswer {
  mediaId: string;
}

const CREATE_FIELDS: FieldMap = {
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

const json = (value: object | undefined) => (value === undefined ? undefined : JSON.stringify(value));

export const CREATE_UPLOAD_MEDIA: AliyunOperation<CreateUploadMediaRequest, CreateUploadMediaResponseBody> = {
  provider: 'aliyun-ice',
  product: 'ice',
  action: 'CreateUploadMedia',
  version: ICE_API_VERSION,
  fields: CREATE_FIELDS,
  defaultFields: { TagsExceededMax: 'mediaMetaData.tags', 'InvalidFileName.Extension': 'fileInfo.ext' },
  isRefresh: false,
  // The one place the structured parts become the JSON strings the API expects.
  toQuery: (request) =>
    definedOnly({
      AppId: request.appId,
      EntityId: request.entityId,
      FileInfo: json(request.fileInfo),
      MediaMetaData: json(request.mediaMetaData),
      PostProcessConfig: json(request.postProcessConfig),
      UploadTargetConfig: json(request.uploadTargetConfig),
      UserData: request.userData,
    }),
  parse: (body) => ({
    ...credentialAnswer(body),
    mediaId: requiredString(body, 'MediaId'),
    mediaURL: optionalString(body, 'MediaURL'),
    fileURL: optionalString(body, 'FileURL'),
  }),
};

export const REFRESH_UPLOAD_MEDIA: AliyunOperation<RefreshUploadMediaRequest, RefreshUploadMediaResponseBody> = {
  provider: 'aliyun-ice',
  product: 'ice',
  action: 'RefreshUploadMedia',
  version: ICE_API_VERSION,
  fields: { MediaId: 'mediaId' },
  defaultFields: {},
  isRefresh: true,
  toQuery: (request) => definedOnly({ MediaId: request.mediaId }),
  parse: (body) => ({ ...credentialAnswer(body), mediaId: requiredString(body, 'MediaId') }),
};
