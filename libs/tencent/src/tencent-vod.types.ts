export type { ApplyUploadRequest, CommitUploadRequest } from 'tencentcloud-sdk-nodejs-vod/tencentcloud/services/vod/v20180717/vod_models';

/** The VOD operations this service calls; each goes through the adapter's one invoke(). */
export type VodOperation = 'ApplyUpload' | 'CommitUpload';

/** ApplyUpload's answer, checked. `vodSessionKey` must never leave the server or reach a log. */
export interface AppliedUpload {
  storageBucket: string;
  storageRegion: string;
  mediaStoragePath: string;
  coverStoragePath: string | null;
  vodSessionKey: string;
  tempCertificate: { secretId: string; secretKey: string; token: string; expiredTime: number };
  requestId: string;
}

/** CommitUpload's answer, checked. */
export interface CommittedUpload {
  fileId: string;
  mediaUrl: string | null;
  coverUrl: string | null;
  requestId: string;
}
