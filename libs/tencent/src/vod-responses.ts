import type { AppliedUpload, CommittedUpload } from './tencent-vod.types';

/** A 200 answer without the fields the API documents: treated like an unavailable provider. */
export class InvalidVodResponseError extends Error {
  override name = 'InvalidVodResponseError';
}

type Raw = Record<string, unknown>;

function text(raw: Raw, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value === '') throw new InvalidVodResponseError(`${field} is missing`);
  return value;
}

/** Fields the docs mark "may return null"; an empty string means the same. */
function optionalText(raw: Raw, field: string): string | null {
  const value = raw[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function parseAppliedUpload(raw: Raw): AppliedUpload {
  const certificate = raw.TempCertificate;
  if (certificate === null || typeof certificate !== 'object') throw new InvalidVodResponseError('TempCertificate is missing');
  const expiredTime = (certificate as Raw).ExpiredTime;
  if (typeof expiredTime !== 'number' || !Number.isInteger(expiredTime)) throw new InvalidVodResponseError('ExpiredTime is missing');
  // Unix seconds that an RFC 3339 date can carry (year 9999 at most); anything else is a broken answer.
  if (expiredTime <= 0 || expiredTime > 253_402_300_799) throw new InvalidVodResponseError('ExpiredTime is out of range');
  return {
    storageBucket: text(raw, 'StorageBucket'),
    storageRegion: text(raw, 'StorageRegion'),
    mediaStoragePath: text(raw, 'MediaStoragePath'),
    coverStoragePath: optionalText(raw, 'CoverStoragePath'),
    vodSessionKey: text(raw, 'VodSessionKey'),
    tempCertificate: {
      secretId: text(certificate as Raw, 'SecretId'),
      secretKey: text(certificate as Raw, 'SecretKey'),
      token: text(certificate as Raw, 'Token'),
      expiredTime,
    },
    requestId: text(raw, 'RequestId'),
  };
}

export function parseCommittedUpload(raw: Raw): CommittedUpload {
  return {
    fileId: text(raw, 'FileId'),
    mediaUrl: optionalText(raw, 'MediaUrl'),
    coverUrl: optionalText(raw, 'CoverUrl'),
    requestId: text(raw, 'RequestId'),
  };
}
