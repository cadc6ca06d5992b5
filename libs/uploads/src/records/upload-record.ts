import type { UploadKind, UploadProvider } from '@app/registry';

export const UPLOAD_STATUSES = ['issued', 'uploaded', 'failed', 'revoked'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** The provider's ids of an upload, named as the provider names them. */
export interface ProviderIds {
  /** Alibaba VOD video (or audio). */
  videoId?: string;
  /** Alibaba VOD image. */
  imageId?: string;
  /** Alibaba VOD attached media or IMS media asset. */
  mediaId?: string;
  /** Tencent Cloud VOD file. */
  fileId?: string;
}

export type ProviderIdField = keyof ProviderIds;

/**
 * One upload under our `uploadId`, from the credential to the provider's completion event. Kept
 * sealed (it names its owner) for UPLOAD_RECORD_TTL_SECONDS after it was issued.
 */
export interface UploadRecord extends ProviderIds {
  uploadId: string;
  ownerId: string;
  provider: UploadProvider;
  kind: UploadKind;
  status: UploadStatus;
  /** RFC 3339, UTC, milliseconds. */
  createdAt: string;
  updatedAt: string;
  /** Bytes, once an event says so. */
  size?: number;
  fileUrl?: string;
  /** Tencent client signatures issued for this upload (a signature session). */
  signatures?: number;
}

/** What an event or a commit learnt of an upload. */
export interface UploadOutcome extends ProviderIds {
  status: 'uploaded' | 'failed';
  size?: number;
  fileUrl?: string;
}
