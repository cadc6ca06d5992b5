import { randomBytes } from 'node:crypto';
import { ALIYUN } from '@app/registry';

const STORAGE = /^(outin-[0-9a-z]+)\.oss-([a-z0-9-]+)\.aliyuncs\.com$/;

export interface StorageTarget {
  bucket: string;
  region: string;
}

/** The bucket and region a StorageLocation names, or the account's default storage. */
export function storageTarget(storageLocation: string | undefined, accessKeyId: string): StorageTarget {
  const match = storageLocation ? STORAGE.exec(storageLocation) : null;
  if (match) return { bucket: match[1], region: match[2] };
  const account = Buffer.from(accessKeyId).toString('hex').padEnd(32, '0').slice(0, 32);
  return { bucket: `outin-${account}`, region: 'cn-shanghai' };
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
export function uploadAddress(target: StorageTarget, objectKey: string): string {
  return base64Json({ Endpoint: `https://oss-${target.region}.aliyuncs.com`, Bucket: target.bucket, FileName: objectKey });
}

/**
 * Base64 JSON with the field set real answers carry: SecurityToken, AccessKeyId, ExpireUTCTime,
 * AccessKeySecret, Expiration (a string of seconds), Region. Fresh values every call.
 */
export function uploadAuth(region: string, now = Date.now()): string {
  const ttl = ALIYUN.DEFAULT_CREDENTIAL_TTL_SECONDS;
  return base64Json({
    SecurityToken: `CAIS${randomBytes(48).toString('base64url')}`,
    AccessKeyId: `STS.NU${randomBytes(12).toString('base64url')}`,
    ExpireUTCTime: new Date(now + ttl * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    AccessKeySecret: randomBytes(24).toString('base64url'),
    Expiration: String(ttl),
    Region: region,
  });
}

/** An object key in the shape VOD uses for source files: sv/<a>-<b>/<a>-<b>.<ext>. */
export function sourceObjectKey(ext: string): string {
  const stem = `${randomBytes(4).toString('hex')}-${randomBytes(6).toString('hex').slice(0, 11)}`;
  return `sv/${stem}/${stem}.${ext}`;
}
