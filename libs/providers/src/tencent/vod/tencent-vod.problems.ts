import { ApiError, ErrorCode, problemExample } from '@app/common';
import { UPLOAD_ERRORS } from '@app/uploads';

/** What the VOD kinds refuse with, besides the upload records' answers. */
export const TENCENT_VOD_ERRORS = {
  commitRunning: () =>
    new ApiError(409, ErrorCode.CONFLICT, 'Another commit of this upload is still running; retry shortly.', { retryAfterSeconds: 1 }),
  sessionExpired: () => new ApiError(410, ErrorCode.GONE, 'The upload session expired; apply again.'),
};

/** Their documented examples; test/openapi-examples.e2e-spec.ts provokes each one and compares. */
export const TENCENT_VOD_PROBLEMS = {
  /** TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD, 10 by default. */
  signaturesUsedUp: problemExample(
    UPLOAD_ERRORS.sessionUsedUp(10),
    'The upload has had all its signatures (TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD, 10 by default): start a new upload.',
  ),
  commitRunning: problemExample(TENCENT_VOD_ERRORS.commitRunning(), 'Another commit of this upload is still running.'),
  sessionExpired: problemExample(
    TENCENT_VOD_ERRORS.sessionExpired(),
    'The upload session expired (or Tencent refused it before): apply again.',
  ),
};
