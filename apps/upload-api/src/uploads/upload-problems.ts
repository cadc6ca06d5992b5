import { ApiError, ErrorCode, problemExample } from '@app/common';
import { UPLOAD_NOT_FOUND } from './upload-records';

/**
 * The answers about an upload record (upload-records.ts, the Tencent services), as documented on the
 * routes that give them; test/openapi-examples.e2e-spec.ts provokes each one and compares.
 */
export const UPLOAD_PROBLEMS = {
  notFound: problemExample(ApiError.notFound(UPLOAD_NOT_FOUND), 'No upload of yours has this id (another user’s looks the same).'),
  revoked: problemExample(
    new ApiError(410, ErrorCode.UPLOAD_REVOKED, 'This upload was revoked; nothing more is issued for it.'),
    'The upload was revoked; nothing more is issued for it.',
  ),
  completedNotRevocable: problemExample(
    new ApiError(409, ErrorCode.UPLOAD_COMPLETED, 'The upload is complete; a completed upload cannot be revoked.'),
    'The upload is complete (the provider has the file); it cannot be revoked.',
  ),
  completedNoSignature: problemExample(
    new ApiError(409, ErrorCode.UPLOAD_COMPLETED, 'The upload is complete; start a new one.'),
    'The upload is complete: start a new one.',
  ),
  /** TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD, 10 by default. */
  signaturesUsedUp: problemExample(
    new ApiError(409, ErrorCode.CONFLICT, 'This upload has had its 10 signatures; start a new upload.'),
    'The upload has had all its signatures (TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD, 10 by default): start a new upload.',
  ),
  commitRunning: problemExample(
    new ApiError(409, ErrorCode.CONFLICT, 'Another commit of this upload is still running; retry shortly.', { retryAfterSeconds: 1 }),
    'Another commit of this upload is still running.',
  ),
  sessionExpired: problemExample(
    new ApiError(410, ErrorCode.GONE, 'The upload session expired; apply again.'),
    'The upload session expired (or Tencent refused it before): apply again.',
  ),
};
