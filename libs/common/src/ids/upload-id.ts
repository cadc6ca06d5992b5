import { pooledRandomBytes } from './random-pool';

/** Our id for one upload: opaque, 128 random bits, safe in URLs, keys and logs. */
export function newUploadId(): string {
  return `upl_${pooledRandomBytes(16).toString('base64url')}`;
}

export const UPLOAD_ID_PATTERN = /^upl_[A-Za-z0-9_-]{22}$/;
