import type { IceFileType } from '../aliyun/aliyun.facts';

/**
 * An upload the emulator saw complete, with what the provider's event about it needs. Alibaba:
 * PutObject or CompleteMultipartUpload of the object an UploadAddress names (VOD FileUploadComplete,
 * ImageUploadComplete, AttachedMediaUploadComplete; IMS FileUploadComplete). Tencent: CommitUpload
 * or CommitUploadUGC (NewFileUpload).
 */
export type UploadCompletion = AliyunVodCompletion | AliyunImsCompletion | TencentVodCompletion;

interface CompletedObject {
  /** Bytes of the stored media object. */
  size: number;
  /** Where the provider says the file is (VOD FileURL, IMS FileURL, Tencent MediaUrl). */
  fileUrl: string;
  completedAt: Date;
}

export interface AliyunVodCompletion extends CompletedObject {
  provider: 'aliyun-vod';
  /** Which create call issued the address: decides the event type. */
  mediaKind: 'video' | 'image' | 'attached-media';
  /** VideoId, ImageId or the attached media's MediaId. */
  mediaId: string;
  /** The UserData of the create call as sent (JSON text: MessageCallback.CallbackURL, Extend). */
  userData?: string;
}

export interface AliyunImsCompletion extends CompletedObject {
  provider: 'aliyun-ims';
  /** FileInfo.Type of CreateUploadMedia (the event's MediaType). */
  mediaKind: IceFileType;
  mediaId: string;
  userData?: string;
}

export interface TencentVodCompletion extends Omit<CompletedObject, 'size'> {
  provider: 'tencent-vod';
  /** Undefined when the commit did not look at storage (uploads not going to the emulator). */
  size?: number;
  /** ApplyUpload + COS + CommitUpload, or vod-js-sdk-v6's ApplyUploadUGC + COS + CommitUploadUGC. */
  via: 'commit-upload' | 'commit-upload-ugc';
  /** The FileId the commit produced. */
  mediaId: string;
  coverUrl?: string;
  /** SourceContext of the ApplyUpload call or of the client upload signature. */
  sourceContext?: string;
  sessionContext?: string;
}

/** May return a promise; the emulator waits for nothing and ignores its failures. */
export type UploadCompletionHook = (completion: UploadCompletion) => unknown;
