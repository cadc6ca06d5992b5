import { createHmac, timingSafeEqual } from 'node:crypto';
import { stringify } from 'node:querystring';
import { signUploadSignature, type UploadSignatureFields, uploadSignatureOriginal } from './upload-signature';

const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
const FIELDS: UploadSignatureFields = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
  currentTimeStamp: 1700000000,
  expireTime: 1700001800,
  random: 3141592653,
  classId: 12,
  procedure: 'transcode-hd',
  sourceContext: 'uploadId=upl_x&userId=alice',
  oneTimeValid: 1,
  vodSubAppId: 1500000001,
  storageRegion: 'ap-chongqing',
};

const ORIGINAL =
  'secretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&currentTimeStamp=1700000000&expireTime=1700001800&random=3141592653' +
  '&classId=12&procedure=transcode-hd&sourceContext=uploadId%3Dupl_x%26userId%3Dalice&oneTimeValid=1' +
  '&vodSubAppId=1500000001&storageRegion=ap-chongqing';

/**
 * Computed outside this code base:
 *   ORIG='<ORIGINAL above>'; KEY='Gu5t9xGARNpq86cd98joQYCN3Cozk1qA'
 *   { printf '%s' "$ORIG" | openssl dgst -sha1 -hmac "$KEY" -binary; printf '%s' "$ORIG"; } | base64 -w0
 * (the HMAC alone: printf '%s' "$ORIG" | openssl dgst -sha1 -hmac "$KEY" → 32e76b915c74d1317bd863dbd11f0d086e5ff6d3)
 */
const EXPECTED =
  'MudrkVx00TF72GPb0R8NCG5f9tNzZWNyZXRJZD1BS0lEejhrcmJzSjV5S0JaUXBuNzRXRmttTFB4M2duUGhFU0EmY3VycmVudFRpbWVTdGFtcD0xNzAwMDAwMDAwJmV4cGlyZVRpbWU9MTcwMDAwMTgwMCZyYW5kb209MzE0MTU5MjY1MyZjbGFzc0lkPTEyJnByb2NlZHVyZT10cmFuc2NvZGUtaGQmc291cmNlQ29udGV4dD11cGxvYWRJZCUzRHVwbF94JTI2dXNlcklkJTNEYWxpY2Umb25lVGltZVZhbGlkPTEmdm9kU3ViQXBwSWQ9MTUwMDAwMDAwMSZzdG9yYWdlUmVnaW9uPWFwLWNob25ncWluZw==';

/** What Tencent's server does with a signature: split, verify the HMAC, read the fields. */
function decode(signature: string, secretKey: string): Record<string, string> {
  const bytes = Buffer.from(signature, 'base64');
  const mac = bytes.subarray(0, 20);
  const original = bytes.subarray(20);
  const expected = createHmac('sha1', secretKey).update(original).digest();
  if (!timingSafeEqual(mac, expected)) throw new Error('HMAC mismatch');
  return Object.fromEntries(new URLSearchParams(original.toString('utf8')));
}

describe(signUploadSignature.name, () => {
  it('matches a vector computed with openssl', () => {
    expect(uploadSignatureOriginal(FIELDS)).toBe(ORIGINAL);
    expect(signUploadSignature(SECRET_KEY, FIELDS)).toBe(EXPECTED);
  });

  it('builds the same original string as querystring.stringify, the official sample', () => {
    const { storageRegion, ...rest } = FIELDS;
    const withUnicode = { ...rest, procedure: '转码 标清', sessionContext: "a b&c=d/é~*'()", storageRegion };
    expect(uploadSignatureOriginal(withUnicode)).toBe(stringify(withUnicode));
  });

  it('round-trips: the HMAC verifies and every field reads back', () => {
    const fields = { ...FIELDS, procedure: '转码 标清', sessionContext: 'ctx=1&2' };
    const decoded = decode(signUploadSignature(SECRET_KEY, fields), SECRET_KEY);
    expect(decoded).toEqual(Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, String(value)])));
  });

  it('leaves out fields that are not set', () => {
    const { classId: _c, procedure: _p, storageRegion: _s, ...minimal } = FIELDS;
    expect(Object.keys(decode(signUploadSignature(SECRET_KEY, minimal), SECRET_KEY))).toEqual([
      'secretId', 'currentTimeStamp', 'expireTime', 'random', 'sourceContext', 'oneTimeValid', 'vodSubAppId',
    ]);
  });

  it('does not verify under another key', () => {
    expect(() => decode(signUploadSignature(SECRET_KEY, FIELDS), 'another-key')).toThrow('HMAC mismatch');
  });
});
