import { isoSeconds } from '@app/common';
import { randomBytes } from 'node:crypto';
import { ALIYUN } from './aliyun.facts';
import type { EmulatedStorage } from '../storage/emulated-storage';
import type { AliyunUploadTarget } from '../storage/temporary-keys';

const STORAGE = /^(outin-[0-9a-z]+)\.oss-([a-z0-9-]+)\.aliyuncs\.com$/;

export interface StorageTarget {
  bucket: string;
  region: string;
}

/** One object an UploadAddress names, and what its completion reports. */
export interface UploadGrant {
  target: StorageTarget;
  objectKey: string;
  upload: AliyunUploadTarget;
}

/** The region an emulator plays unless told another (`aliyunRegion`). */
export const DEFAULT_ALIYUN_REGION = 'cn-shanghai';

/** The bucket and region a StorageLocation names, or the account's default storage in the region called (`region`). */
export function storageTarget(storageLocation: string | undefined, accessKeyId: string, region = DEFAULT_ALIYUN_REGION): StorageTarget {
  const match = storageLocation ? STORAGE.exec(storageLocation) : null;
  if (match) return { bucket: match[1], region: match[2] };
  const account = Buffer.from(accessKeyId).toString('hex').padEnd(32, '0').slice(0, 32);
  return { bucket: `outin-${account}`, region };
}

/** Where an object of the bucket is read from. */
export function objectUrl(target: StorageTarget, objectKey: string): string {
  return `https://${target.bucket}.oss-${target.region}.aliyuncs.com/${objectKey}`;
}

export function isStorageLocation(value: string): boolean {
  return STORAGE.test(value);
}

const base64Json = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');

/** Base64 JSON with the decoded UploadAddress fields: Endpoint, Bucket, FileName (upload-credentials doc). */
export function uploadAddress(storage: EmulatedStorage, grant: UploadGrant): string {
  return base64Json({ Endpoint: storage.ossEndpoint(grant.target.region), Bucket: grant.target.bucket, FileName: grant.objectKey });
}

/**
 * Base64 JSON with the field set real answers carry: SecurityToken, AccessKeyId, ExpireUTCTime,
 * AccessKeySecret, Expiration (a string of seconds), Region. A fresh STS key every call, which the
 * OSS stand-in accepts for this one object until it expires.
 */
export function uploadAuth(storage: EmulatedStorage, grant: UploadGrant): string {
  const ttl = storage.keys.lifetimeSeconds(ALIYUN.DEFAULT_CREDENTIAL_TTL_SECONDS);
  const key = storage.keys.issueOss({ bucket: grant.target.bucket, objects: [grant.objectKey] }, ttl, grant.upload);
  return base64Json({
    SecurityToken: key.token,
    AccessKeyId: key.id,
    ExpireUTCTime: isoSeconds(key.expiresAtMs),
    AccessKeySecret: key.secret,
    Expiration: String(ttl),
    Region: grant.target.region,
  });
}

/** An object key in the shape VOD uses for source files: sv/<a>-<b>/<a>-<b>.<ext>. */
export function sourceObjectKey(ext: string): string {
  const stem = `${randomBytes(4).toString('hex')}-${randomBytes(6).toString('hex').slice(0, 11)}`;
  return `sv/${stem}/${stem}.${ext}`;
}
