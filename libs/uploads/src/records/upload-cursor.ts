import { ApiError } from '@app/common';

/** Where a page of the owner's uploads ended: the issue time of the last one seen, and its id. */
export interface UploadCursor {
  score: number;
  uploadId: string;
}

const UPLOAD_ID = /^upl_[A-Za-z0-9_-]{22}$/;

/** Opaque to clients: base64url of `<score>.<uploadId>`. */
export function encodeCursor(cursor: UploadCursor): string {
  return Buffer.from(`${cursor.score}.${cursor.uploadId}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): UploadCursor {
  const [score, uploadId] = Buffer.from(raw, 'base64url').toString('utf8').split('.', 2);
  const parsed = Number(score);
  if (!/^\d{1,15}$/.test(score ?? '') || !Number.isSafeInteger(parsed) || !UPLOAD_ID.test(uploadId ?? '')) {
    throw ApiError.validation([{ field: 'cursor', message: 'cursor must be a nextCursor this service returned' }]);
  }
  return { score: parsed, uploadId };
}
