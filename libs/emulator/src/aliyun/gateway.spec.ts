import { randomBytes } from 'node:crypto';
import { VOD_API_VERSION } from './aliyun.facts';
import { startEmulator, type RunningEmulator } from '../emulator';
import { AliyunGateway } from './gateway';
import { captureSignedRequest, type CapturedRequest, failure, openApiCaller, replay } from './testing/openapi-caller';

const key = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const QUERY = { Title: 'A title with spaces, commas + plus & ampersand', FileName: 'D:\\videos\\clip 01.mp4', FileSize: 123, Tags: 'a,b' };

function asEmulatorRequest(captured: CapturedRequest) {
  const url = new URL(captured.url, 'http://x');
  return {
    method: captured.method,
    url: captured.url,
    path: url.pathname,
    query: url.searchParams,
    headers: captured.headers,
    rawBody: captured.body,
  };
}

describe(AliyunGateway.name, () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [key] });
  });
  afterAll(() => emulator.close());

  it('accepts a request signed by the real openapi-client (ACS3-HMAC-SHA256), special characters and all', async () => {
    const body = await openApiCaller(emulator.url, key).call('CreateUploadVideo', VOD_API_VERSION, QUERY);
    expect(body).toMatchObject({ VideoId: expect.stringMatching(/^[0-9a-f]{32}$/), RequestId: expect.any(String) });
  });

  it('accepts an STS key with its security token header', async () => {
    const body = await openApiCaller(emulator.url, { ...key, token: 'CAIS-sts-token' }).call('CreateUploadVideo', VOD_API_VERSION, QUERY);
    expect(body.VideoId).toBeDefined();
  });

  it('refuses a tampered query, body or signed header with SignatureDoesNotMatch', async () => {
    const captured = await captureSignedRequest(key, 'CreateUploadVideo', VOD_API_VERSION, QUERY);
    const tamperedQuery = { ...captured, url: captured.url.replace('Title=A', 'Title=B') };
    expect(await replay(emulator.url, tamperedQuery)).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
    const tamperedHeader = { ...captured, headers: { ...captured.headers, 'x-acs-action': 'RefreshUploadVideo' } };
    expect(await replay(emulator.url, tamperedHeader)).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
    const withBody = { ...captured, body: Buffer.from('Title=evil'), headers: { ...captured.headers, 'content-length': '10' } };
    expect(await replay(emulator.url, withBody)).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
  });

  it('accepts a captured request once, then refuses its nonce', async () => {
    const captured = await captureSignedRequest(key, 'CreateUploadVideo', VOD_API_VERSION, QUERY);
    expect((await replay(emulator.url, captured)).status).toBe(200);
    expect(await replay(emulator.url, captured)).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
  });

  it('refuses a wrong secret, an unknown key and a missing signature as the gateway does', async () => {
    expect(
      await failure(openApiCaller(emulator.url, { ...key, secret: 'wrong' }).call('CreateUploadVideo', VOD_API_VERSION, QUERY)),
    ).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 400,
    });
    expect(
      await failure(openApiCaller(emulator.url, { id: 'LTAIunknown', secret: 'x' }).call('CreateUploadVideo', VOD_API_VERSION, QUERY)),
    ).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      status: 400,
    });
    const captured = await captureSignedRequest(key, 'CreateUploadVideo', VOD_API_VERSION, QUERY);
    const { authorization: _dropped, ...unsigned } = captured.headers;
    expect(await replay(emulator.url, { ...captured, headers: unsigned })).toMatchObject({
      status: 400,
      body: { Code: 'IncompleteSignature' },
    });
  });

  it('answers errors as JSON with Code, Message, RequestId, HostId and Recommend', async () => {
    const { data } = await failure(
      openApiCaller(emulator.url, { ...key, secret: 'wrong' }).call('CreateUploadVideo', VOD_API_VERSION, QUERY),
    );
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['Code', 'Message', 'RequestId', 'HostId', 'Recommend']));
  });

  it('refuses an x-acs-date more than 15 minutes away (InvalidTimeStamp.Expired)', async () => {
    const captured = await captureSignedRequest(key, 'CreateUploadVideo', VOD_API_VERSION, QUERY);
    const late = new AliyunGateway([key], () => Date.now() + 16 * 60_000);
    const result = late.authenticate(asEmulatorRequest(captured), 'vod.aliyuncs.com');
    expect(result).toMatchObject({ ok: false, response: { status: 400, body: { Code: 'InvalidTimeStamp.Expired' } } });
    const onTime = new AliyunGateway([key], () => Date.now() + 14 * 60_000);
    expect(onTime.authenticate(asEmulatorRequest(captured), 'vod.aliyuncs.com')).toEqual({ ok: true, accessKeyId: key.id });
  });
});
