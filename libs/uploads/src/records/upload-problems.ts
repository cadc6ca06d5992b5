import { ApiError, ErrorCode, problemExample } from '@app/common';

/** What a token needs to read its owner's upload records, and to revoke them, when AUTH_PERMISSIONS_ENABLED=true. */
export const RECORD_PERMISSIONS = { read: 'uploads:read', manage: 'uploads:manage' } as const;

export const UPLOAD_NOT_FOUND = 'No upload with this id exists for you.';

/** What the upload records refuse with (upload-records.ts). */
export const UPLOAD_ERRORS = {
  notFound: () => ApiError.notFound(UPLOAD_NOT_FOUND),
  revoked: () => new ApiError(410, ErrorCode.UPLOAD_REVOKED, 'This upload was revoked; nothing more is issued for it.'),
  completedNotRevocable: () =>
    new ApiError(409, ErrorCode.UPLOAD_COMPLETED, 'The upload is complete; a completed upload cannot be revoked.'),
  /** A refresh or a session's next credential, once the upload is complete. */
  completed: () => new ApiError(409, ErrorCode.UPLOAD_COMPLETED, 'The upload is complete; start a new one.'),
  /** A session kind's upload has had its `max` credentials. */
  sessionUsedUp: (max: number) => new ApiError(409, ErrorCode.CONFLICT, `This upload has had its ${max} signatures; start a new upload.`),
};

/**
 * The answers about an upload record, as documented on the routes that give them;
 * test/openapi-examples.e2e-spec.ts provokes each one and compares. A provider documents its own
 * (its session's limit, a commit's) beside its kinds.
 */
export const UPLOAD_PROBLEMS = {
  notFound: problemExample(UPLOAD_ERRORS.notFound(), 'No upload of yours has this id (another user’s looks the same).'),
  revoked: problemExample(UPLOAD_ERRORS.revoked(), 'The upload was revoked; nothing more is issued for it.'),
  completedNotRevocable: problemExample(
    UPLOAD_ERRORS.completedNotRevocable(),
    'The upload is complete (the provider has the file); it cannot be revoked.',
  ),
  completed: problemExample(UPLOAD_ERRORS.completed(), 'The upload is complete: start a new one.'),
};
