import { createHash, createHmac } from 'node:crypto';
import type { EmulatorRequestHead } from '../core/provider';
import { rawQueryPairs } from '../core/query';
import { headerValue } from '../storage/request-parts';

// OSS request signatures rebuilt from the received request, as ali-oss (lib/common/signUtils.js)
// and the OSS docs ("Include signatures in the Authorization header", V1 and V4) compute them.

/** The bucket and object a request is read as addressing; the signed resource is always /<bucket>/<key>. */
export interface ObjectTarget {
  bucket: string;
  key: string;
}

/** Query parameters V1 signs as sub-resources (OSS doc, V1 signature: the CanonicalizedResource list). */
// prettier-ignore
export const SUBRESOURCES = new Set([
  'acl', 'uploads', 'location', 'cors', 'logging', 'website', 'referer', 'lifecycle', 'delete', 'append', 'tagging',
  'objectMeta', 'uploadId', 'partNumber', 'security-token', 'position', 'img', 'style', 'styleName', 'replication',
  'replicationProgress', 'replicationLocation', 'cname', 'bucketInfo', 'comp', 'qos', 'live', 'status', 'vod',
  'startTime', 'endTime', 'symlink', 'x-oss-process', 'response-content-type', 'x-oss-traffic-limit',
  'response-content-language', 'response-expires', 'response-cache-control', 'response-content-disposition',
  'response-content-encoding', 'udf', 'udfName', 'udfImage', 'udfId', 'udfImageDesc', 'udfApplication',
  'udfApplicationLog', 'restore', 'callback', 'callback-var', 'qosInfo', 'policy', 'stat', 'encryption', 'versions',
  'versioning', 'versionId', 'requestPayment', 'x-oss-request-payer', 'sequential', 'inventory', 'inventoryId',
  'continuation-token', 'asyncFetch', 'worm', 'wormId', 'wormExtend', 'withHashContext', 'x-oss-enable-md5',
  'x-oss-enable-sha1', 'x-oss-enable-sha256', 'x-oss-hash-ctx', 'x-oss-md5-ctx', 'transferAcceleration',
]);

export type OssAuthorization =
  | { version: 1; accessKeyId: string; signature: string }
  | { version: 4; accessKeyId: string; day: string; region: string; additionalHeaders: string[]; signature: string };

const V1 = /^OSS ([^:\s]+):(\S+)$/;
const V4 =
  /^OSS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/oss\/aliyun_v4_request,\s*(?:AdditionalHeaders=([^,]*),\s*)?Signature=([0-9a-f]{64})$/;

export function parseOssAuthorization(header: string | undefined): OssAuthorization | undefined {
  const v1 = header === undefined ? null : V1.exec(header);
  if (v1) return { version: 1, accessKeyId: v1[1], signature: v1[2] };
  const v4 = header === undefined ? null : V4.exec(header);
  if (!v4) return undefined;
  const additionalHeaders = v4[4] ? v4[4].split(';').map((name) => name.trim().toLowerCase()) : [];
  return { version: 4, accessKeyId: v4[1], day: v4[2], region: v4[3], additionalHeaders, signature: v4[5] };
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** The signature this request should carry if `target` is what it addresses, for this secret. */
export function expectedSignature(request: EmulatorRequestHead, target: ObjectTarget, auth: OssAuthorization, secret: string): string {
  if (auth.version === 1) return createHmac('sha1', secret).update(v1StringToSign(request, target), 'utf8').digest('base64');
  const stringToSign = v4StringToSign(request, target, auth);
  const signingKey = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, auth.day), auth.region), 'oss'), 'aliyun_v4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

export function stringToSign(request: EmulatorRequestHead, target: ObjectTarget, auth: OssAuthorization): string {
  return auth.version === 1 ? v1StringToSign(request, target) : v4StringToSign(request, target, auth);
}

/** V1: VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedOSSHeaders CanonicalizedResource. */
export function v1StringToSign(request: EmulatorRequestHead, target: ObjectTarget): string {
  const ossHeaders = Object.keys(request.headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${String(request.headers[name]).trim()}`);
  // ali-oss never sends Date (browsers cannot); it signs x-oss-date in Date's place.
  const date = headerValue(request, 'x-oss-date') ?? headerValue(request, 'date') ?? '';
  const subresources = rawQueryPairs(request.url)
    .filter(([name]) => SUBRESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  const resource = `/${target.bucket}/${target.key}${subresources.length > 0 ? `?${subresources.join('&')}` : ''}`;
  const contentMd5 = headerValue(request, 'content-md5') ?? '';
  const contentType = headerValue(request, 'content-type') ?? '';
  return [request.method.toUpperCase(), contentMd5, contentType, date, ...ossHeaders, resource].join('\n');
}

const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** V4: "OSS4-HMAC-SHA256" \n x-oss-date \n scope \n hex(SHA256(canonical request)); every query parameter is signed. */
export function v4StringToSign(
  request: EmulatorRequestHead,
  target: ObjectTarget,
  auth: Extract<OssAuthorization, { version: 4 }>,
): string {
  const uri = rfc3986(`/${target.bucket}/${target.key}`).replace(/%2F/g, '/');
  // ali-oss sorts the raw names with localeCompare and sends a valueless parameter (`?uploads`) as its name alone.
  const query = rawQueryPairs(request.url)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => (value === '' ? rfc3986(name) : `${rfc3986(name)}=${rfc3986(value)}`))
    .join('&');
  const signed = new Set(auth.additionalHeaders);
  for (const name of Object.keys(request.headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) signed.add(name);
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    uri,
    query,
    canonicalHeaders,
    auth.additionalHeaders.join(';'),
    headerValue(request, 'x-oss-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${auth.day}/${auth.region}/oss/aliyun_v4_request`;
  const date = headerValue(request, 'x-oss-date') ?? '';
  return ['OSS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
}
