import { createHash } from 'node:crypto';
import { ALIYUN } from '../aliyun.facts';
import { utf8Bytes } from '@app/common';

export interface UserDataInput {
  callbackUrl?: string;
  userId: string;
  uploadId: string;
}

/**
 * UserData as the server builds it: the callback URL from config, Extend carrying who uploaded and
 * our upload id back in the callback. Extend may hold 512 bytes; a user id too long for that (a
 * 255-character CJK `sub` is 765 bytes) is sent as its SHA-256 instead, which still identifies the
 * owner and reveals nothing. The upload id always fits.
 */
export function buildUserData({ callbackUrl, userId, uploadId }: UserDataInput): string {
  let extend: Record<string, string> = { userId, uploadId };
  if (utf8Bytes(JSON.stringify(extend)) > ALIYUN.USER_DATA_EXTEND_MAX_BYTES) {
    extend = { userIdSha256: createHash('sha256').update(userId).digest('hex'), uploadId };
  }
  return JSON.stringify({ ...(callbackUrl ? { MessageCallback: { CallbackURL: callbackUrl } } : {}), Extend: extend });
}
