import { MetricsService } from '@app/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { ConfigService, loadConfig } from '@app/config';
import { TENCENT_CONFIGS } from '../testing/tencent-config';
import { MemoryStore } from '@app/store';
import { UpstreamBudget, UpstreamCall } from '@app/upstream';
import { DELETE_MEDIA } from './operations/media.operations';
import { APPLY_UPLOAD, COMMIT_UPLOAD } from './operations/vod.operations';
import { TencentClient } from './tencent.client';
import { rejection } from '@app/testing';

/** The client with a real (in-process) upstream budget, as the app wires it. */
function clientWith(config: ConfigService): TencentClient {
  return new TencentClient(config, new UpstreamCall(new UpstreamBudget(new MemoryStore('t:'), config), config, new MetricsService()));
}

const SECRET_ID = 'test-secret-id-client-spec';
const SECRET_KEY = 'unit-test-secret-key-000000000000';
const SESSION_KEY = 'vod-session-key-that-must-stay-inside';

interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
  remotePort: number;
}

/** A loopback stand-in for the VOD API whose answer each test decides. */
class FakeVod {
  readonly seen: Seen[] = [];
  reply: (response: ServerResponse) => void = (response) => json(response, { Response: { RequestId: 'req-ok' } });
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      this.seen.push({ headers: request.headers, body, remotePort: request.socket.remotePort ?? 0 });
      this.reply(response);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function json(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const tencentError =
  (code: string, requestId = 'req-err') =>
  (response: ServerResponse) =>
    json(response, { Response: { Error: { Code: code, Message: `provider text for ${code} ${SESSION_KEY}` }, RequestId: requestId } });

const APPLIED = {
  StorageBucket: 'bucket-1250000000',
  StorageRegion: 'ap-chongqing',
  MediaStoragePath: '/1500000001/abc/f0.mp4',
  CoverStoragePath: null,
  VodSessionKey: SESSION_KEY,
  TempCertificate: { SecretId: 'AKIDtemp', SecretKey: 'temp-secret', Token: 'temp-token', ExpiredTime: 1900000000 },
  RequestId: 'req-apply',
};

function clientFor(endpoint: string, env: Record<string, string> = {}): TencentClient {
  const config = loadConfig(
    {
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENTCLOUD_VOD_SUB_APP_ID: '1500000001',
      TENCENTCLOUD_VOD_ENDPOINT: endpoint,
      TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '300',
      ...env,
    },
    TENCENT_CONFIGS,
  );
  return clientWith(new ConfigService(config));
}

describe(TencentClient.name, () => {
  const fake = new FakeVod();
  let sut: TencentClient;
  let endpoint: string;
  let logged: unknown[];

  beforeAll(async () => {
    endpoint = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    sut = clientFor(endpoint);
    logged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((line: unknown) => void logged.push(line));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((line: unknown) => void logged.push(line));
  });
  afterEach(() => {
    sut.onApplicationShutdown();
    jest.restoreAllMocks();
  });

  it('signs with TC3 for service vod and host vod.tencentcloudapi.com while connecting to the configured address', async () => {
    fake.reply = (response) => json(response, { Response: APPLIED });
    const result = await sut.call(APPLY_UPLOAD, { MediaType: 'mp4', SubAppId: 1500000001 });
    expect(result).toEqual({
      storageBucket: 'bucket-1250000000',
      storageRegion: 'ap-chongqing',
      mediaStoragePath: '/1500000001/abc/f0.mp4',
      coverStoragePath: null,
      vodSessionKey: SESSION_KEY,
      tempCertificate: { secretId: 'AKIDtemp', secretKey: 'temp-secret', token: 'temp-token', expiredTime: 1900000000 },
      requestId: 'req-apply',
    });
    const { headers, body } = fake.seen.at(-1)!;
    expect(headers.host).toBe(`vod.tencentcloudapi.com:${new URL(endpoint).port}`);
    expect(headers.authorization).toMatch(
      new RegExp(
        `^TC3-HMAC-SHA256 Credential=${SECRET_ID}/\\d{4}-\\d{2}-\\d{2}/vod/tc3_request, ` +
          'SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$',
      ),
    );
    expect(headers).toMatchObject({ 'x-tc-action': 'ApplyUpload', 'x-tc-version': '2018-07-17', 'x-tc-region': 'ap-guangzhou' });
    expect(headers['x-tc-token']).toBeUndefined();
    expect(JSON.parse(body)).toEqual({ MediaType: 'mp4', SubAppId: 1500000001 });
  });

  it('sends the session token when one is configured', async () => {
    const withToken = clientFor(endpoint, { TENCENTCLOUD_SESSION_TOKEN: 'sts-token-1' });
    try {
      await withToken.call(COMMIT_UPLOAD, { VodSessionKey: 'k' }).catch(() => undefined);
      expect(fake.seen.at(-1)!.headers['x-tc-token']).toBe('sts-token-1');
    } finally {
      withToken.onApplicationShutdown();
    }
  });

  it('keeps one connection alive across calls', async () => {
    fake.reply = (response) =>
      json(response, { Response: { FileId: '5285890784273533167', MediaUrl: 'http://v/f0.mp4', CoverUrl: '', RequestId: 'r' } });
    const before = fake.seen.length;
    for (let i = 0; i < 3; i++) await sut.call(COMMIT_UPLOAD, { VodSessionKey: 'k' });
    const ports = new Set(fake.seen.slice(before).map((seen) => seen.remotePort));
    expect(ports.size).toBe(1);
  });

  it('reads CommitUpload, treating an empty cover URL as none', async () => {
    fake.reply = (response) =>
      json(response, { Response: { FileId: '24820810452266399', MediaUrl: 'http://v/f0.mp4', CoverUrl: '', RequestId: 'req-c' } });
    expect(await sut.call(COMMIT_UPLOAD, { VodSessionKey: 'k', SubAppId: 1 })).toEqual({
      fileId: '24820810452266399',
      mediaUrl: 'http://v/f0.mp4',
      coverUrl: null,
      requestId: 'req-c',
    });
  });

  it.each([
    ['InvalidParameterValue.MediaType', 'ApplyUpload', 400, 'VALIDATION_FAILED', 'mediaType'],
    ['InvalidParameterValue.CoverType', 'ApplyUpload', 400, 'VALIDATION_FAILED', 'coverType'],
    ['InvalidParameterValue.ExpireTime', 'ApplyUpload', 400, 'VALIDATION_FAILED', 'expireTime'],
    ['InvalidParameter.ExpireTime', 'ApplyUpload', 400, 'VALIDATION_FAILED', 'expireTime'],
    ['InvalidParameterValue.SubAppId', 'ApplyUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['AuthFailure.SignatureFailure', 'ApplyUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['AuthFailure.SecretIdNotFound', 'CommitUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['UnauthorizedOperation', 'ApplyUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['FailedOperation', 'ApplyUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['InvalidParameterValue.Procedure', 'ApplyUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['InvalidParameterValue.VodSessionKey', 'CommitUpload', 410, 'GONE', undefined],
    ['ResourceNotFound', 'CommitUpload', 422, 'UNPROCESSABLE', undefined],
    ['ResourceNotFound', 'ApplyUpload', 502, 'UPSTREAM_REJECTED', undefined],
    ['RequestLimitExceeded', 'ApplyUpload', 503, 'UPSTREAM_THROTTLED', undefined],
    ['RequestLimitExceeded.UinLimitExceeded', 'CommitUpload', 503, 'UPSTREAM_THROTTLED', undefined],
    ['InternalError', 'CommitUpload', 503, 'UPSTREAM_UNAVAILABLE', undefined],
    ['ServiceUnavailable', 'ApplyUpload', 503, 'UPSTREAM_UNAVAILABLE', undefined],
  ])('maps %s from %s to %i %s', async (code, operation, status, errorCode, field) => {
    fake.reply = tencentError(code, 'req-mapped');
    const call =
      operation === 'ApplyUpload' ? sut.call(APPLY_UPLOAD, { MediaType: 'mp4' }) : sut.call(COMMIT_UPLOAD, { VodSessionKey: 'k' });
    const error = await rejection(call);
    expect(error.getStatus()).toBe(status);
    expect(error.code).toBe(errorCode);
    expect(error.details.upstreamRequestId).toBe('req-mapped');
    expect(error.details.cause).toBeDefined();
    expect(error.details.errors?.[0]?.field).toBe(field);
    expect(error.detail).not.toContain('provider text');
    if (status === 503) expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('answers DeleteMedia of a file already gone as done, logged ok, and maps its other errors', async () => {
    fake.reply = tencentError('ResourceNotFound', 'req-gone');
    expect(await sut.call(DELETE_MEDIA, { FileId: '1', SubAppId: 1 })).toEqual({ deleted: false, requestId: 'req-gone' });
    expect(logged.at(-1)).toMatchObject({ operation: 'DeleteMedia', outcome: 'ok', upstreamRequestId: 'req-gone' });
    fake.reply = tencentError('InternalError');
    expect((await rejection(sut.call(DELETE_MEDIA, { FileId: '1' }))).code).toBe('UPSTREAM_UNAVAILABLE');
    fake.reply = tencentError('ResourceNotFound');
    expect((await rejection(sut.call(COMMIT_UPLOAD, { VodSessionKey: 'k' }))).code).toBe('UNPROCESSABLE');
  });

  it.each([
    [502, 503, 'UPSTREAM_UNAVAILABLE'],
    [500, 503, 'UPSTREAM_UNAVAILABLE'],
    [429, 503, 'UPSTREAM_THROTTLED'],
    [404, 502, 'UPSTREAM_REJECTED'],
  ])('maps an HTTP %i without a Tencent body to %i %s', async (httpStatus, status, code) => {
    fake.reply = (response) => {
      response.writeHead(httpStatus, { 'content-type': 'text/html' });
      response.end('<html>gateway</html>');
    };
    const error = await rejection(sut.call(APPLY_UPLOAD, { MediaType: 'mp4' }));
    expect([error.getStatus(), error.code]).toEqual([status, code]);
  });

  it.each([
    [
      'a non-JSON 200 (the SDK lets FetchError escape)',
      (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>captive portal</html>');
      },
    ],
    ['a JSON 200 without Response (the SDK throws TypeError)', (response: ServerResponse) => json(response, { ok: true })],
    ['an answer without the documented fields', (response: ServerResponse) => json(response, { Response: { RequestId: 'r' } })],
    [
      'a certificate expiring after year 9999',
      (response: ServerResponse) =>
        json(response, { Response: { ...APPLIED, TempCertificate: { ...APPLIED.TempCertificate, ExpiredTime: 1e15 } } }),
    ],
  ])('answers 503 for %s', async (_case, reply) => {
    fake.reply = reply;
    const error = await rejection(sut.call(APPLY_UPLOAD, { MediaType: 'mp4' }));
    expect([error.getStatus(), error.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    expect(logged.at(-1)).toMatchObject({ operation: 'ApplyUpload', outcome: 'invalid-response' });
  });

  it('gives up after the configured timeout with 504', async () => {
    fake.reply = () => undefined;
    const started = Date.now();
    const error = await rejection(sut.call(COMMIT_UPLOAD, { VodSessionKey: 'k' }));
    expect([error.getStatus(), error.code]).toEqual([504, 'UPSTREAM_TIMEOUT']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('answers 503 when nothing listens', async () => {
    const closed = clientFor('http://127.0.0.1:1');
    try {
      const error = await rejection(closed.call(APPLY_UPLOAD, { MediaType: 'mp4' }));
      expect([error.getStatus(), error.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
      expect(logged.at(-1)).toMatchObject({ outcome: 'network' });
    } finally {
      closed.onApplicationShutdown();
    }
  });

  it('answers 501 when Tencent is not configured', async () => {
    const off = clientWith(new ConfigService(loadConfig({}, TENCENT_CONFIGS)));
    const error = await rejection(off.call(APPLY_UPLOAD, { MediaType: 'mp4' }));
    expect([error.getStatus(), error.code]).toEqual([501, 'PROVIDER_NOT_CONFIGURED']);
  });

  it('logs provider, operation, upstream RequestId and latency, and never a key or session key', async () => {
    fake.reply = (response) => json(response, { Response: APPLIED });
    await sut.call(APPLY_UPLOAD, { MediaType: 'mp4' });
    fake.reply = tencentError('AuthFailure.SignatureFailure', 'req-denied');
    await sut.call(COMMIT_UPLOAD, { VodSessionKey: SESSION_KEY }).catch(() => undefined);
    expect(logged).toEqual([
      { provider: 'tencent-vod', operation: 'ApplyUpload', outcome: 'ok', upstreamRequestId: 'req-apply', latencyMs: expect.any(Number) },
      expect.objectContaining({
        provider: 'tencent-vod',
        operation: 'CommitUpload',
        outcome: 'provider',
        upstreamCode: 'AuthFailure.SignatureFailure',
        upstreamRequestId: 'req-denied',
        status: 502,
      }),
    ]);
    const text = JSON.stringify(logged);
    for (const secret of [SECRET_KEY, SESSION_KEY, 'temp-secret', 'temp-token', 'provider text']) expect(text).not.toContain(secret);
  });
});
