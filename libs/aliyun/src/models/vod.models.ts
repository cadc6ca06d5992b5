import { definedOnly, type Fields, optionalString, requiredString } from './model-helpers';

// Request and answer shapes of the four VOD 2017-03-21 upload operations, named and typed as in
// the generated @alicloud/vod20170321 models. Every parameter travels in the query (RPC style).

export class CreateUploadVideoRequest {
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

  constructor(init: Fields<CreateUploadVideoRequest>) {
    Object.assign(this, init);
  }

  toQuery() {
    return definedOnly({
      AppId: this.appId,
      CateId: this.cateId,
      CoverURL: this.coverURL,
      Description: this.description,
      FileName: this.fileName,
      FileSize: this.fileSize,
      ReferenceId: this.referenceId,
      StorageLocation: this.storageLocation,
      Tags: this.tags,
      TemplateGroupId: this.templateGroupId,
      Title: this.title,
      UserData: this.userData,
      WorkflowId: this.workflowId,
    });
  }
}

export class RefreshUploadVideoRequest {
  videoId: string;

  constructor(init: Fields<RefreshUploadVideoRequest>) {
    Object.assign(this, init);
  }

  toQuery() {
    return definedOnly({ VideoId: this.videoId });
  }
}

/** CreateUploadVideo and RefreshUploadVideo answer with the same fields. */
export class UploadVideoResponseBody {
  constructor(
    readonly requestId: string,
    readonly videoId: string,
    readonly uploadAddress: string,
    readonly uploadAuth: string,
  ) {}

  static from(body: Record<string, unknown>): UploadVideoResponseBody {
    return new UploadVideoResponseBody(
      requiredString(body, 'RequestId'),
      requiredString(body, 'VideoId'),
      requiredString(body, 'UploadAddress'),
      requiredString(body, 'UploadAuth'),
    );
  }
}

export class CreateUploadImageRequest {
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

  constructor(init: Fields<CreateUploadImageRequest>) {
    Object.assign(this, init);
  }

  toQuery() {
    return definedOnly({
      AppId: this.appId,
      CateId: this.cateId,
      Description: this.description,
      ImageExt: this.imageExt,
      ImageType: this.imageType,
      OriginalFileName: this.originalFileName,
      StorageLocation: this.storageLocation,
      Tags: this.tags,
      Title: this.title,
      UserData: this.userData,
    });
  }
}

export class CreateUploadImageResponseBody {
  constructor(
    readonly requestId: string,
    readonly imageId: string,
    readonly uploadAddress: string,
    readonly uploadAuth: string,
    readonly imageURL?: string,
    readonly fileURL?: string,
  ) {}

  static from(body: Record<string, unknown>): CreateUploadImageResponseBody {
    return new CreateUploadImageResponseBody(
      requiredString(body, 'RequestId'),
      requiredString(body, 'ImageId'),
      requiredString(body, 'UploadAddress'),
      requiredString(body, 'UploadAuth'),
      optionalString(body, 'ImageURL'),
      optionalString(body, 'FileURL'),
    );
  }
}

export class CreateUploadAttachedMediaRequest {
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

  constructor(init: Fields<CreateUploadAttachedMediaRequest>) {
    Object.assign(this, init);
  }

  toQuery() {
    return definedOnly({
      AppId: this.appId,
      BusinessType: this.businessType,
      CateIds: this.cateIds,
      Description: this.description,
      FileName: this.fileName,
      FileSize: this.fileSize,
      MediaExt: this.mediaExt,
      StorageLocation: this.storageLocation,
      Tags: this.tags,
      Title: this.title,
      UserData: this.userData,
    });
  }
}

export class CreateUploadAttachedMediaResponseBody {
  constructor(
    readonly requestId: string,
    readonly mediaId: string,
    readonly uploadAddress: string,
    readonly uploadAuth: string,
    readonly mediaURL?: string,
    readonly fileURL?: string,
  ) {}

  static from(body: Record<string, unknown>): CreateUploadAttachedMediaResponseBody {
    return new CreateUploadAttachedMediaResponseBody(
      requiredString(body, 'RequestId'),
      requiredString(body, 'MediaId'),
      requiredString(body, 'UploadAddress'),
      requiredString(body, 'UploadAuth'),
      optionalString(body, 'MediaURL'),
      optionalString(body, 'FileURL'),
    );
  }
}
