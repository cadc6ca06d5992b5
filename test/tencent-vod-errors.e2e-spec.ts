import { randomBytes } from 'node:crypto';
import { EmulatorServer } from '@app/emulator';
import { TencentVodEmulator } from '@app/emulator';
import { tencentTestEnv } from './support/tencent-test-env';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

async function expectProblem(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await response.json();
  expect(body).toMatchObject({ status, code });
  return body;
}

describe('Tencent Cloud VOD failures map to our codes', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let api: ReturnType<typeof tencentVodApi>;
  const faults = () => cloud.emulator.server.faults;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: { ...cloud.env, TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '300' } });
    api = tencentVodApi(sut);
  });
  afterEach(() => faults().clear());
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('RequestLimitExceeded → 503 UPSTREAM_THROTTLED with Retry-After and the upstream RequestId', async () => {
    faults().inject({ kind: 'throttle', provider: 'tencent-vod', operation: 'ApplyUpload', times: 1 });
    const response = await api.apply('alice');
    expect(response.headers.get('retry-after')).toBe('1');
    const body = await expectProblem(response, 503, 'UPSTREAM_THROTTLED');
    expect(body.upstreamRequestId).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/frequency limit/);
  });

  it('InternalError → 503 UPSTREAM_UNAVAILABLE with Retry-After', async () => {
    faults().inject({ kind: 'server-error', provider: 'tencent-vod', times: 1 });
    const response = await api.apply('alice');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectProblem(response, 503, 'UPSTREAM_UNAVAILABLE');
  });

  it('a hanging API → 504 UPSTREAM_TIMEOUT within the configured timeout', async () => {
    faults().inject({ kind: 'hang', provider: 'tencent-vod', times: 1 });
    const started = Date.now();
    await expectProblem(await api.apply('alice'), 504, 'UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a failed CommitUpload releases the commit: the retry goes through, once', async () => {
    const { uploadId } = await (await api.apply('alice')).json();
    const before = cloud.emulator.server.calls('tencent-vod', 'CommitUpload');
    faults().inject({ kind: 'throttle', provider: 'tencent-vod', operation: 'CommitUpload', times: 1 });
    await expectProblem(await api.commit('alice', uploadId), 503, 'UPSTREAM_THROTTLED');
    expect((await api.commit('alice', uploadId)).status).toBe(200);
    expect((await api.commit('alice', uploadId)).status).toBe(200);
    expect(cloud.emulator.server.calls('tencent-vod', 'CommitUpload') - before).toBe(2);
  });

  it('a commit outlasting the bounded wait of a second one → 409 CONFLICT with Retry-After', async () => {
    const waitBriefly = await startTestApp({ redis: true, env: { ...cloud.env, TENCENTCLOUD_VOD_COMMIT_WAIT_MS: '100' } });
    try {
      const client = tencentVodApi(waitBriefly);
      const { uploadId } = await (await client.apply('alice')).json();
      faults().inject({ kind: 'latency', provider: 'tencent-vod', operation: 'CommitUpload', delayMs: 600, times: 1 });
      const first = client.commit('alice', uploadId);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await client.commit('alice', uploadId);
      expect(second.headers.get('retry-after')).toBe('1');
      await expectProblem(second, 409, 'CONFLICT');
      expect((await first).status).toBe(200);
    } finally {
      await waitBriefly.close();
    }
  });

  it.each([
    ['a wrong SecretKey (AuthFailure.SignatureFailure)', { TENCENTCLOUD_SECRET_KEY: 'not-the-emulator-key' }],
    ['an unknown SecretId (AuthFailure.SecretIdNotFound)', { TENCENTCLOUD_SECRET_ID: 'AKIDnobody' }],
    ['an application of another account (InvalidParameterValue.SubAppId)', { TENCENTCLOUD_VOD_SUB_APP_ID: '1400000000' }],
  ])('%s → 502 UPSTREAM_REJECTED without the provider text', async (_case, env) => {
    const misconfigured = await startTestApp({ redis: true, env: { ...cloud.env, ...env } });
    try {
      const body = await expectProblem(await tencentVodApi(misconfigured).apply('alice'), 502, 'UPSTREAM_REJECTED');
      expect(body.upstreamRequestId).toEqual(expect.any(String));
      expect(JSON.stringify(body)).not.toMatch(/SecretId|signature|SubAppId/i);
      expect(misconfigured.logs.text).not.toContain('not-the-emulator-key');
    } finally {
      await misconfigured.close();
    }
  });
});

describe('Tencent Cloud VOD answers only the emulator can provoke, and session expiry', () => {
  const key = { id: `test-sid-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  // A two-second certificate: the session expires quickly with a zero margin.
  const vod = new TencentVodEmulator({ keys: [key], certificateLifetimeSeconds: 2 });
  const server = new EmulatorServer([vod]);
  let sut: TestApp;
  let api: ReturnType<typeof tencentVodApi>;

  beforeAll(async () => {
    const url = await server.listen();
    sut = await startTestApp({ redis: true, env: { ...tencentTestEnv(url, key), TENCENTCLOUD_VOD_SESSION_MARGIN_SECONDS: '0' } });
    api = tencentVodApi(sut);
  });
  afterAll(async () => {
    await sut.close();
    await server.close();
  });

  it('a media type Tencent refuses (InvalidParameterValue.MediaType) → 400 naming mediaType', async () => {
    vod.failNext('ApplyUpload', 'InvalidParameterValue.MediaType');
    const body = await expectProblem(await api.apply('alice', { mediaType: 'mxf' }), 400, 'VALIDATION_FAILED');
    expect(body.errors).toEqual([{ field: 'mediaType', message: expect.stringContaining('mediaType') }]);
    expect(body.upstreamRequestId).toEqual(expect.any(String));
  });

  it('a session Tencent no longer knows (InvalidParameterValue.VodSessionKey) → 410 GONE, and stays gone', async () => {
    const { uploadId } = await (await api.apply('alice')).json();
    vod.failNext('CommitUpload', 'InvalidParameterValue.VodSessionKey');
    await expectProblem(await api.commit('alice', uploadId), 410, 'GONE');
    const before = server.calls('tencent-vod', 'CommitUpload');
    await expectProblem(await api.commit('alice', uploadId), 410, 'GONE');
    expect(server.calls('tencent-vod', 'CommitUpload')).toBe(before);
  });

  it('a commit after the certificate (plus margin) expired → 410 GONE without calling CommitUpload', async () => {
    const response = await api.apply('alice');
    expect(response.status).toBe(201);
    const { uploadId, expiresAt } = await response.json();
    const before = server.calls('tencent-vod', 'CommitUpload');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const body = await expectProblem(await api.commit('alice', uploadId), 410, 'GONE');
    expect(body.detail).toMatch(/apply again/);
    expect(server.calls('tencent-vod', 'CommitUpload')).toBe(before);
    expect((await api.commit('mallory', uploadId)).status).toBe(404);
  });
});

describe('A deployment without Tencent Cloud', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ env: { AUTH_PERMISSIONS_ENABLED: 'true' } });
  });
  afterAll(() => sut.close());

  it('boots and answers 501 PROVIDER_NOT_CONFIGURED on every Tencent route, even for an invalid body', async () => {
    const api = tencentVodApi(sut, { scope: 'upload:video' });
    await expectProblem(await api.apply('alice', { mediaType: 'exe' }), 501, 'PROVIDER_NOT_CONFIGURED');
    await expectProblem(await api.commit('alice', 'upl_AAAAAAAAAAAAAAAAAAAAAA'), 501, 'PROVIDER_NOT_CONFIGURED');
    await expectProblem(await api.sign('alice'), 501, 'PROVIDER_NOT_CONFIGURED');
  });

  it('still answers 401 without a token and 403 without the video permission first', async () => {
    const response = await fetch(`${sut.url}/v1/uploads/tencent-vod/signatures`, { method: 'POST' });
    await expectProblem(response, 401, 'UNAUTHENTICATED');
    const forbidden = await fetch(`${sut.url}/v1/uploads/tencent-vod/signatures`, {
      method: 'POST',
      headers: sut.bearer('alice', { scope: 'upload:image' }),
    });
    await expectProblem(forbidden, 403, 'FORBIDDEN');
  });
});
