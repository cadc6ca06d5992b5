import { createHmac, timingSafeEqual } from 'node:crypto';
import { stringify } from 'node:querystring';
import { signUploadSignature, type UploadSignatureFields, uploadSignatureOriginal } from './upload-signature';

const SECRET_KEY = 'test-secret-key-not-a-real-one';
const FIELDS: UploadSignatureFields = {
  secretId: 'test-secret-id-not-a-real-key',
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
  'secretId=test-secret-id-not-a-real-key&currentTimeStamp=1700000000&expireTime=1700001800&random=3141592653' +
  '&classId=12&procedure=transcode-hd&sourceContext=uploadId%3Dupl_x%26userId%3Dalice&oneTimeValid=1' +
  '&vodSubAppId=1500000001&storageRegion=ap-chongqing';

/**
 * Computed outside this code base:
 *   ORIG='<ORIGINAL above>'; KEY='test-secret-key-not-a-real-one'
 *   { printf '%s' "$ORIG" | openssl dgst -sha1 -hmac "$KEY" -binary; printf '%s' "$ORIG"; } | base64 -w0
 * (the HMAC alone: printf '%s' "$ORIG" | openssl dgst -sha1 -hmac "$KEY" → 87902848d9acd8ff344a02f9ab8e14c7a5fecb66)
 */
const EXPECTED =
  'h5AoSNms2P80SgL5q44Ux6X+y2ZzZWNyZXRJZD10ZXN0LXNlY3JldC1pZC1ub3QtYS1yZWFsLWtleSZjdXJyZW50VGltZVN0YW1wPTE3MDAwMD' +
  'AwMDAmZXhwaXJlVGltZT0xNzAwMDAxODAwJnJhbmRvbT0zMTQxNTkyNjUzJmNsYXNzSWQ9MTImcHJvY2VkdXJlPXRyYW5zY29kZS1oZCZzb3Vy' +
  'Y2VDb250ZXh0PXVwbG9hZElkJTNEdXBsX3glMjZ1c2VySWQlM0RhbGljZSZvbmVUaW1lVmFsaWQ9MSZ2b2RTdWJBcHBJZD0xNTAwMDAwMDAxJn' +
  'N0b3JhZ2VSZWdpb249YXAtY2hvbmdxaW5n';

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
      'secretId',
      'currentTimeStamp',
      'expireTime',
      'random',
      'sourceContext',
      'oneTimeValid',
      'vodSubAppId',
    ]);
  });

  it('does not verify under another key', () => {
    expect(() => decode(signUploadSignature(SECRET_KEY, FIELDS), 'another-key')).toThrow('HMAC mismatch');
  });
});
