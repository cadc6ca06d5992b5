import { definedOnly, type Fields, optionalString, requiredString } from './model-helpers';

// Request and answer shapes of ICE 2020-11-09 CreateUploadMedia and RefreshUploadMedia, as in the
// generated @alicloud/ice20201109 models: FileInfo, MediaMetaData, UploadTargetConfig,
// PostProcessConfig and UserData are JSON strings with PascalCase keys.

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

export class CreateUploadMediaRequest {
  appId?: string;
  entityId?: string;
  fileInfo: IceFileInfo;
  mediaMetaData: IceMediaMetaData;
  postProcessConfig?: IcePostProcessConfig;
  uploadTargetConfig?: IceUploadTargetConfig;
  userData?: string;

  constructor(init: Fields<CreateUploadMediaRequest>) {
    Object.assign(this, init);
  }

  /** The one place the structured parts become the JSON strings the API expects. */
  toQuery() {
    const json = (value: object | undefined) => (value === undefined ? undefined : JSON.stringify(value));
    return definedOnly({
      AppId: this.appId,
      EntityId: this.entityId,
      FileInfo: json(this.fileInfo),
      MediaMetaData: json(this.mediaMetaData),
      PostProcessConfig: json(this.postProcessConfig),
      UploadTargetConfig: json(this.uploadTargetConfig),
      UserData: this.userData,
    });
  }
}

export class CreateUploadMediaResponseBody {
  constructor(
    readonly requestId: string,
    readonly mediaId: string,
    readonly uploadAddress: string,
    readonly uploadAuth: string,
    readonly mediaURL?: string,
    readonly fileURL?: string,
  ) {}

  static from(body: Record<string, unknown>): CreateUploadMediaResponseBody {
    return new CreateUploadMediaResponseBody(
      requiredString(body, 'RequestId'),
      requiredString(body, 'MediaId'),
      requiredString(body, 'UploadAddress'),
      requiredString(body, 'UploadAuth'),
      optionalString(body, 'MediaURL'),
      optionalString(body, 'FileURL'),
    );
  }
}

export class RefreshUploadMediaRequest {
  mediaId: string;

  constructor(init: Fields<RefreshUploadMediaRequest>) {
    Object.assign(this, init);
  }

  toQuery() {
    return definedOnly({ MediaId: this.mediaId });
  }
}

export class RefreshUploadMediaResponseBody {
  constructor(
    readonly requestId: string,
    readonly mediaId: string,
    readonly uploadAddress: string,
    readonly uploadAuth: string,
  ) {}

  static from(body: Record<string, unknown>): RefreshUploadMediaResponseBody {
    return new RefreshUploadMediaResponseBody(
      requiredString(body, 'RequestId'),
      requiredString(body, 'MediaId'),
      requiredString(body, 'UploadAddress'),
      requiredString(body, 'UploadAuth'),
    );
  }
}
