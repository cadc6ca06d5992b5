import { tc3Signature } from './tc3';
import { type Tc3Request, verifyTc3 } from './tc3-verifier';

// The vector of tencentcloud-sdk-nodejs test/common/sign.test.ts (reproduced in the research notes).
const VECTOR = {
  secretId: 'test-secret-id',
  secretKey: 'test-secret-key',
  timestamp: 1640995200,
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  body: '{"Action":"DescribeInstances","Version":"2017-03-12"}',
  signature: '96473b50fe407833672a5d6d067238d88bb44c8abcc39ef83baa3132afbfadd3',
};

function vectorRequest(overrides: Partial<Record<string, string>> = {}, body = VECTOR.body): Tc3Request {
  const headers: Record<string, string> = {
    host: `${VECTOR.host}:443`,
    'content-type': 'application/json',
    'x-tc-timestamp': String(VECTOR.timestamp),
    authorization:
      `TC3-HMAC-SHA256 Credential=${VECTOR.secretId}/2022-01-01/${VECTOR.service}/tc3_request, ` +
      `SignedHeaders=content-type;host, Signature=${VECTOR.signature}`,
    ...overrides,
  };
  return { method: 'POST', path: '/', query: '', headers, rawBody: Buffer.from(body) };
}

const options = (nowSeconds = VECTOR.timestamp) => ({
  keys: [{ id: VECTOR.secretId, secret: VECTOR.secretKey }],
  service: VECTOR.service,
  nowSeconds,
});

describe(verifyTc3.name, () => {
  it('computes the SDK test vector', () => {
    expect(
      tc3Signature({
        method: 'POST',
        path: '/',
        query: '',
        signedHeaders: [
          ['content-type', 'application/json'],
          ['host', VECTOR.host],
        ],
        body: VECTOR.body,
        timestamp: VECTOR.timestamp,
        service: VECTOR.service,
        secretKey: VECTOR.secretKey,
      }),
    ).toBe(VECTOR.signature);
  });

  it('accepts the vector request, signed host without its port', () => {
    expect(verifyTc3(vectorRequest(), options())).toBeUndefined();
  });

  it('accepts clock skew up to five minutes and refuses more with AuthFailure.SignatureExpire', () => {
    expect(verifyTc3(vectorRequest(), options(VECTOR.timestamp + 300))).toBeUndefined();
    expect(verifyTc3(vectorRequest(), options(VECTOR.timestamp - 301))?.code).toBe('AuthFailure.SignatureExpire');
  });

  it.each([
    ['a changed body', vectorRequest({}, '{"Action":"DescribeInstances","Version":"2017-03-13"}')],
    ['a changed content type', vectorRequest({ 'content-type': 'text/plain' })],
    ['another host', vectorRequest({ host: 'cvm.evil.example' })],
    [
      'a changed signature',
      vectorRequest({ authorization: vectorRequest().headers.authorization!.toString().replace('96473b50', '96473b51') }),
    ],
    ['another timestamp within the skew', vectorRequest({ 'x-tc-timestamp': String(VECTOR.timestamp + 1) })],
    [
      'a scope date that is not the timestamp date',
      vectorRequest({ authorization: vectorRequest().headers.authorization!.toString().replace('2022-01-01', '2022-01-02') }),
    ],
    [
      'a signed header list without host',
      vectorRequest({ authorization: vectorRequest().headers.authorization!.toString().replace('content-type;host', 'content-type') }),
    ],
  ])('refuses %s with AuthFailure.SignatureFailure', (_case, request) => {
    expect(verifyTc3(request, options())?.code).toBe('AuthFailure.SignatureFailure');
  });

  it('refuses a scope for another service', () => {
    expect(verifyTc3(vectorRequest(), { ...options(), service: 'vod' })?.code).toBe('AuthFailure.SignatureFailure');
  });

  it('refuses an unknown SecretId with AuthFailure.SecretIdNotFound', () => {
    expect(verifyTc3(vectorRequest(), { ...options(), keys: [{ id: 'other', secret: VECTOR.secretKey }] })?.code).toBe(
      'AuthFailure.SecretIdNotFound',
    );
  });

  it('refuses a token for a permanent key with AuthFailure.TokenFailure', () => {
    expect(verifyTc3(vectorRequest({ 'x-tc-token': 't' }), options())?.code).toBe('AuthFailure.TokenFailure');
  });

  it.each([[undefined], ['Bearer abc'], ['TC3-HMAC-SHA256 Credential=x']])('refuses the Authorization header %j', (authorization) => {
    const request = vectorRequest();
    if (authorization === undefined) delete request.headers.authorization;
    else request.headers.authorization = authorization;
    expect(verifyTc3(request, options())?.code).toBe('AuthFailure.InvalidAuthorization');
  });
});
