import type { EmulatorRequestHead, EmulatorResponse } from '../core/provider';
import { headerValue, signaturesEqual } from '../storage/request-parts';
import type { TemporaryKey, TemporaryKeys } from '../storage/temporary-keys';
import { ossError } from './oss-errors';
import { expectedSignature, type ObjectTarget, type OssAuthorization, parseOssAuthorization, stringToSign } from './oss-signature';

/** OSS answers RequestTimeTooSkewed beyond 15 minutes (ali-oss then retries once with its clock amended). */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const V4_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export type OssAuthentication = { ok: true; key: TemporaryKey; target: ObjectTarget } | { ok: false; response: EmulatorResponse };

const refuse = (response: EmulatorResponse): OssAuthentication => ({ ok: false, response });

/**
 * What OSS checks before an STS-signed request reaches the object: a key the emulator issued, its
 * own security token, not expired, a date within 15 minutes, and a V1 or V4 signature by its
 * secret over one reading of the address (see `readings`).
 */
export function authenticateOss(request: EmulatorRequestHead, objectKey: string, keys: TemporaryKeys, host: string): OssAuthentication {
  const authorization = headerValue(request, 'authorization');
  if (authorization === undefined)
    return refuse(ossError(403, 'AccessDenied', 'AccessDenied: Anonymous access is forbidden for this operation.', host));
  const auth = parseOssAuthorization(authorization);
  if (!auth) return refuse(ossError(400, 'InvalidArgument', 'Authorization header is invalid.', host));

  const key = keys.find(auth.accessKeyId);
  if (!key) {
    return refuse(
      ossError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', host, {
        OSSAccessKeyId: auth.accessKeyId,
        ec: '0002-00000902',
      }),
    );
  }
  // An STS key works only with its token. The code for a foreign token is not documented: an assumption.
  if (headerValue(request, 'x-oss-security-token') !== key.token) {
    return refuse(ossError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.', host, { ec: '0002-00000010' }));
  }
  if (keys.isExpired(key)) {
    return refuse(ossError(403, 'SecurityTokenExpired', 'The security token you provided has expired.', host, { ec: '0002-00000007' }));
  }

  const skew = checkDate(request, auth, keys.clock(), host);
  if (skew) return refuse(skew);

  const readings = addressReadings(objectKey, key.scope.bucket, host);
  const target = readings.find((reading) => signaturesEqual(expectedSignature(request, reading, auth, key.secret), auth.signature));
  if (target) return { ok: true, key, target };
  const signed = stringToSign(request, readings[0], auth);
  return refuse(
    ossError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      host,
      {
        OSSAccessKeyId: auth.accessKeyId,
        SignatureProvided: auth.signature,
        StringToSign: signed,
        StringToSignBytes: Buffer.from(signed)
          .toString('hex')
          .replace(/(..)(?!$)/g, '$1 '),
        ec: '0002-00000040',
      },
    ),
  );
}

function checkDate(request: EmulatorRequestHead, auth: OssAuthorization, now: number, host: string): EmulatorResponse | undefined {
  const date = headerValue(request, 'x-oss-date') ?? headerValue(request, 'date') ?? '';
  const dateMs = auth.version === 4 ? Date.parse(date.replace(V4_DATE, '$1-$2-$3T$4:$5:$6Z')) : Date.parse(date);
  if (Number.isNaN(dateMs)) return ossError(403, 'AccessDenied', 'OSS authentication requires a valid Date.', host);
  if (Math.abs(now - dateMs) <= MAX_CLOCK_SKEW_MS) return undefined;
  return ossError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', host, {
    RequestTime: new Date(dateMs).toISOString(),
    ServerTime: new Date(now).toISOString(),
    MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS),
  });
}

/**
 * The (bucket, key) a request may address; the one whose signature verifies is the one it means.
 * ali-oss signs /<bucket>/<key> whatever the addressing: virtual-hosted (bucket in Host, also what
 * Node sends for an IP endpoint), an IP endpoint from a browser or `cname` (Host names no bucket:
 * only the credential does), and path style (`sldEnable`: /<bucket>/<key>).
 */
function addressReadings(objectKey: string, keyBucket: string, host: string): ObjectTarget[] {
  const hostName = host.replace(/:\d+$/, '');
  const hostBucket = /^\d+(\.\d+){3}$/.test(hostName) ? undefined : /^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.[^.]+/.exec(hostName)?.[1];
  const readings: ObjectTarget[] = [];
  if (hostBucket) readings.push({ bucket: hostBucket, key: objectKey });
  readings.push({ bucket: keyBucket, key: objectKey });
  const slash = objectKey.indexOf('/');
  if (slash > 0) readings.push({ bucket: objectKey.slice(0, slash), key: objectKey.slice(slash + 1) });
  return readings;
}
