import { createHash, createHmac } from 'node:crypto';
import type { EmulatorRequestHead } from '../core/provider';
import { rawQueryPairs } from '../core/query';
import { headerValue } from '../storage/request-parts';

// The COS request signature ("q-sign-algorithm=sha1", COS doc 436/7778), rebuilt from the received
// request as cos-js-sdk-v5 / cos-nodejs-sdk-v5 (util.getAuth) compute it:
//   SignKey      = hex(HMAC-SHA1(SecretKey, q-key-time))
//   HttpString   = lower(method) \n /<key> \n HttpParameters \n HttpHeaders \n
//   StringToSign = "sha1" \n q-sign-time \n hex(SHA1(HttpString)) \n
//   Signature    = hex(HMAC-SHA1(SignKey, StringToSign))
// where parameters and headers are only those the Authorization lists, `name=value` with the
// lower-cased encoded name and the encoded value, sorted, joined with '&'.

export interface CosAuthorization {
  secretId: string;
  signTime: string;
  keyTime: string;
  headerList: string[];
  paramList: string[];
  signature: string;
  /** The validity the signature claims (q-sign-time), in seconds. */
  start: number;
  end: number;
}

const TIME_RANGE = /^(\d{1,12});(\d{1,12})$/;

export function parseCosAuthorization(header: string | undefined): CosAuthorization | undefined {
  if (header === undefined) return undefined;
  const fields = new Map(
    header.split('&').map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
  const signTime = fields.get('q-sign-time') ?? '';
  const range = TIME_RANGE.exec(signTime);
  const secretId = fields.get('q-ak');
  const keyTime = fields.get('q-key-time');
  const signature = fields.get('q-signature');
  if (fields.get('q-sign-algorithm') !== 'sha1' || !range || !secretId || !keyTime || signature === undefined) return undefined;
  const list = (name: string) => (fields.get(name) ? fields.get(name)!.split(';') : []);
  return {
    secretId,
    signTime,
    keyTime,
    headerList: list('q-header-list'),
    paramList: list('q-url-param-list'),
    signature,
    start: Number(range[1]),
    end: Number(range[2]),
  };
}

/** COS's encoding for signature parts (cos-js-sdk-v5 util.camSafeUrlEncode). */
export const camSafeUrlEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The q-signature this request should carry for `objectKey` (decoded, no leading slash) and this secret. */
export function cosSignature(request: EmulatorRequestHead, objectKey: string, auth: CosAuthorization, secretKey: string): string {
  const pairs = rawQueryPairs(request.url);
  const parameters = auth.paramList
    .map((name) => {
      const value = pairs.find(([key]) => camSafeUrlEncode(key).toLowerCase() === name)?.[1] ?? '';
      return `${name}=${camSafeUrlEncode(value)}`;
    })
    .sort();
  const headers = auth.headerList.map((name) => `${name}=${camSafeUrlEncode(headerValue(request, safeDecode(name)) ?? '')}`).sort();
  const httpString = [request.method.toLowerCase(), `/${objectKey}`, parameters.join('&'), headers.join('&'), ''].join('\n');
  const stringToSign = ['sha1', auth.signTime, createHash('sha1').update(httpString).digest('hex'), ''].join('\n');
  const signKey = createHmac('sha1', secretKey).update(auth.keyTime).digest('hex');
  return createHmac('sha1', signKey).update(stringToSign).digest('hex');
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
