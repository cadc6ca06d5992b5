import { uploadAuthExpiresAt } from './upload-credential';

const encode = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');
const NOW = Date.parse('2026-03-31T10:00:00Z');

describe(uploadAuthExpiresAt.name, () => {
  it('prefers ExpireUTCTime', () => {
    expect(uploadAuthExpiresAt(encode({ ExpireUTCTime: '2026-03-31T10:50:00Z', Expiration: '3600' }), NOW)).toBe('2026-03-31T10:50:00Z');
  });

  it('else counts Expiration (a string of seconds) from now', () => {
    expect(uploadAuthExpiresAt(encode({ Expiration: '3600' }), NOW)).toBe('2026-03-31T11:00:00Z');
  });

  it.each([
    ['no expiry fields', encode({ AccessKeyId: 'STS.x' })],
    ['an unparseable ExpireUTCTime and Expiration', encode({ ExpireUTCTime: 'soon', Expiration: 'later' })],
    ['a numeric Expiration (the documented form is a string)', encode({ Expiration: -5 })],
    ['not JSON', encode('not json')],
    ['not base64 at all', '%%%'],
    ['an absurd Expiration', encode({ Expiration: '1e20' })],
  ])('else defaults to 3,000 seconds: %s', (_case, auth) => {
    expect(uploadAuthExpiresAt(auth, NOW)).toBe('2026-03-31T10:50:00Z');
  });
});
