import { REDACTED, redact } from './redact';

describe(redact.name, () => {
  it('replaces every field whose name looks sensitive, at any depth', () => {
    const input = {
      headers: { authorization: 'Bearer x', cookie: 'a=b', 'x-request-id': 'r1' },
      upload: { UploadAuth: 'u', uploadAddress: 'visible?', TempCertificate: { SecretKey: 's' } },
      list: [{ accessKeySecret: 'k', name: 'n' }],
      password: 'p',
      idempotencyKey: 'i',
      status: 200,
    };
    expect(redact(input)).toEqual({
      headers: { authorization: REDACTED, cookie: REDACTED, 'x-request-id': 'r1' },
      upload: { UploadAuth: REDACTED, uploadAddress: 'visible?', TempCertificate: REDACTED },
      list: [{ accessKeySecret: REDACTED, name: 'n' }],
      password: REDACTED,
      idempotencyKey: REDACTED,
      status: 200,
    });
  });

  it('leaves the input untouched', () => {
    const input = { token: 't' };
    redact(input);
    expect(input.token).toBe('t');
  });
});
