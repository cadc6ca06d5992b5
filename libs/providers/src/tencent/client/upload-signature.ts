import { createHmac } from 'node:crypto';

/** The fields of a client upload signature, in the order of Tencent's table (intl 266/33922). */
export interface UploadSignatureFields {
  secretId: string;
  currentTimeStamp: number;
  expireTime: number;
  random: number;
  classId?: number;
  procedure?: string;
  sourceContext?: string;
  oneTimeValid?: 0 | 1;
  vodSubAppId?: number;
  sessionContext?: string;
  storageRegion?: string;
}

const ORDER: (keyof UploadSignatureFields)[] = [
  'secretId',
  'currentTimeStamp',
  'expireTime',
  'random',
  'classId',
  'procedure',
  'sourceContext',
  'oneTimeValid',
  'vodSubAppId',
  'sessionContext',
  'storageRegion',
];

/** The signed "original" string: a query string with URL-encoded values, as querystring.stringify makes it. */
export function uploadSignatureOriginal(fields: UploadSignatureFields): string {
  return ORDER.filter((name) => fields[name] !== undefined)
    .map((name) => `${name}=${encodeURIComponent(String(fields[name]))}`)
    .join('&');
}

/**
 * The signature vod-js-sdk-v6 and TXUGCPublish send: base64 of the 20 HMAC-SHA1 bytes of the
 * original string (keyed with the SecretKey) followed by the original string itself (266/9221).
 */
export function signUploadSignature(secretKey: string, fields: UploadSignatureFields): string {
  const original = Buffer.from(uploadSignatureOriginal(fields), 'utf8');
  const mac = createHmac('sha1', secretKey).update(original).digest();
  return Buffer.concat([mac, original]).toString('base64');
}
