import { VOD_API_VERSION } from '../../aliyun.facts';
import {
  type AliyunOperation,
  credentialAnswer,
  definedOnly,
  type FieldMap,
  optionalString,
  requiredString,
  type UploadCredentialAnswer,
} from './aliyun-operation';

// The four VOD 2017-03-21 upload operations, named and typed as in the generated
// @alicloud/vod20170321 models. Every parameter travels in the query (RPC style).

export interface CreateUploadVideoRequest {
  appId?: string;
  cateId?: number;
  coverURL?: string;
  description?: string;
  fileName: string;
  fileSize?: number;
  referenceId?: string;
  storageLocation?: string;
  /** Comma-separated, as the API takes them. */
  tags?: string;
  templateGroupId?: string;
  title: string;
  userData?: string;
  workflowId?: string;
}

export interface RefreshUploadVideoRequest {
  videoId: string;
}

/** CreateUploadVideo and RefreshUploadVideo answer with the same fields. */
export interface UploadVideoResponseBody extends UploadCredentialAnswer {
  videoId: string;
}

export interface CreateUploadImageRequest {
  appId?: string;
  cateId?: number;
  description?: string;
  imageExt?: string;
  imageType: string;
  originalFileName?: string;
  storageLocation?: string;
  tags?: string;
  title?: string;
  userData?: string;
}

export interface CreateUploadImageResponseBody extends UploadCredentialAnswer {
  imageId: string;
  imageURL?: string;
  fileURL?: string;
}

export interface CreateUploadAttachedMediaRequest {
  appId?: string;
  businessType: string;
  /** Comma-separated, at most five. */
  cateIds?: string;
  description?: string;
  fileName?: string;
  /** A string in this model, unlike CreateUploadVideo's number. */
  fileSize?: string;
  mediaExt?: string;
  storageLocation?: string;
  tags?: string;
  title?: string;
  userData?: string;
}

export interface CreateUploadAttachedMediaResponseBody extends UploadCredentialAnswer {
  mediaId: string;
  mediaURL?: string;
  fileURL?: string;
}

const SERVER_OWNED: FieldMap = {
  AppId: null,
  StorageLocation: null,
  UserData: null,
  TemplateGroupId: null,
  WorkflowId: null,
  CateId: null,
  CateIds: null,
};
const TAGS_AND_NAMES = { TagsExceededMax: 'tags', 'InvalidFileName.Extension': 'fileName' };

type VodOperationSpec<Request, Result extends { requestId: string }> = Pick<
  AliyunOperation<Request, Result>,
  'action' | 'fields' | 'toQuery' | 'parse'
> &
  Partial<Pick<AliyunOperation<Request, Result>, 'defaultFields' | 'isRefresh' | 'absent'>>;

/** A VOD 2017-03-21 operation: the server-owned parameters and the usual caller-fault fields. */
export function vodOperation<Request, Result extends { requestId: string }>(
  spec: VodOperationSpec<Request, Result>,
): AliyunOperation<Request, Result> {
  return {
    provider: 'aliyun-vod',
    product: 'vod',
    version: VOD_API_VERSION,
    defaultFields: TAGS_AND_NAMES,
    isRefresh: false,
    ...spec,
    fields: { ...SERVER_OWNED, ...spec.fields },
  };
}

const uploadVideoAnswer = (body: Record<string, unknown>): UploadVideoResponseBody => ({
  ...credentialAnswer(body),
  videoId: requiredString(body, 'VideoId'),
});

export const CREATE_UPLOAD_VIDEO = vodOperation<CreateUploadVideoRequest, UploadVideoResponseBody>({
  action: 'CreateUploadVideo',
  fields: {
    Title: 'title',
    FileName: 'fileName',
    FileSize: 'fileSize',
    Description: 'description',
    CoverURL: 'coverUrl',
    Tags: 'tags',
    ReferenceId: null,
  },
  toQuery: (request) =>
    definedOnly({
      AppId: request.appId,
      CateId: request.cateId,
      CoverURL: request.coverURL,
      Description: request.description,
      FileName: request.fileName,
      FileSize: request.fileSize,
      ReferenceId: request.referenceId,
      StorageLocation: request.storageLocation,
      Tags: request.tags,
      TemplateGroupId: request.templateGroupId,
      Title: request.title,
      UserData: request.userData,
      WorkflowId: request.workflowId,
    }),
  parse: uploadVideoAnswer,
});

export const REFRESH_UPLOAD_VIDEO = vodOperation<RefreshUploadVideoRequest, UploadVideoResponseBody>({
  action: 'RefreshUploadVideo',
  fields: { VideoId: 'videoId' },
  defaultFields: { 'InvalidVideo.Damaged': 'videoId' },
  isRefresh: true,
  toQuery: (request) => definedOnly({ VideoId: request.videoId }),
  parse: uploadVideoAnswer,
});

export const CREATE_UPLOAD_IMAGE = vodOperation<CreateUploadImageRequest, CreateUploadImageResponseBody>({
  action: 'CreateUploadImage',
  fields: {
    ImageType: 'imageType',
    ImageExt: 'imageExt',
    Title: 'title',
    Description: 'description',
    Tags: 'tags',
    OriginalFileName: 'originalFileName',
  },
  defaultFields: { TagsExceededMax: 'tags', 'InvalidFileName.Extension': 'originalFileName' },
  toQuery: (request) =>
    definedOnly({
      AppId: request.appId,
      CateId: request.cateId,
      Description: request.description,
      ImageExt: request.imageExt,
      ImageType: request.imageType,
      OriginalFileName: request.originalFileName,
      StorageLocation: request.storageLocation,
      Tags: request.tags,
      Title: request.title,
      UserData: request.userData,
    }),
  parse: (body) => ({
    ...credentialAnswer(body),
    imageId: requiredString(body, 'ImageId'),
    imageURL: optionalString(body, 'ImageURL'),
    fileURL: optionalString(body, 'FileURL'),
  }),
});

export const CREATE_UPLOAD_ATTACHED_MEDIA = vodOperation<CreateUploadAttachedMediaRequest, CreateUploadAttachedMediaResponseBody>({
  action: 'CreateUploadAttachedMedia',
  fields: {
    BusinessType: 'businessType',
    MediaExt: 'mediaExt',
    Title: 'title',
    FileName: 'fileName',
    FileSize: 'fileSize',
    Description: 'description',
    Tags: 'tags',
  },
  toQuery: (request) =>
    definedOnly({
      AppId: request.appId,
      BusinessType: request.businessType,
      CateIds: request.cateIds,
      Description: request.description,
      FileName: request.fileName,
      FileSize: request.fileSize,
      MediaExt: request.mediaExt,
      StorageLocation: request.storageLocation,
      Tags: request.tags,
      Title: request.title,
      UserData: request.userData,
    }),
  parse: (body) => ({
    ...credentialAnswer(body),
    mediaId: requiredString(body, 'MediaId'),
    mediaURL: optionalString(body, 'MediaURL'),
    fileURL: optionalString(body, 'FileURL'),
  }),
});
