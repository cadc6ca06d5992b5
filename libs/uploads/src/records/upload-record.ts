import type { UploadKind, UploadProvider } from '@app/registry';

/**
 * issued: the credential was handed out; verifying: a completion awaits the provider's confirmation;
 * uploaded: the provider confirmed the file; failed: the provider reported a failure; rejected: what
 * arrived broke the kind's policy; revoked: its owner revoked it.
 */
export const UPLOAD_STATUSES = ['issued', 'verifying', 'uploaded', 'failed', 'rejected', 'revoked'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export const REJECTION_REASONS = ['too_large', 'too_long', 'size_mismatch', 'format_mismatch'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Why an arrived file was refused: the rule, what it allows (or what was declared), and what arrived. */
export interface Rejection {
  reason: RejectionReason;
  limit: number | string;
  measured: number | string;
}

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
  /** The region profile it was issued in (REGIONS); every later call follows it. Absent without REGIONS. */
  region?: string;
  status: UploadStatus;
  /** RFC 3339, UTC, milliseconds. */
  createdAt: string;
  updatedAt: string;
  /** Bytes, once the provider says so. */
  size?: number;
  /** Seconds, for video and audio, once the provider says so. */
  durationSeconds?: number;
  fileUrl?: string;
  /** Why the arrived file was refused (status rejected). */
  rejection?: Rejection;
  /** How many times a new content was confirmed for this upload (a second one gets a webhook of its own). */
  revision?: number;
  /** Tencent client signatures issued for this upload (a signature session). */
  signatures?: number;
  /** What the create request said of the file, checked against what arrives. */
  declared?: DeclaredFile;
}

/** The file as its create request described it: its size in bytes, its extension or media type, lower case. */
export interface DeclaredFile {
  size?: number;
  format?: string;
}

/** What an event or a commit learnt of an upload. */
export interface UploadOutcome extends ProviderIds {
  status: 'uploaded' | 'failed';
  size?: number;
  fileUrl?: string;
}
