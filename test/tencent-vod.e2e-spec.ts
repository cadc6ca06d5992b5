import { Redis } from 'ioredis';
import { SealedRecords, Store } from '@app/store';
import { decodeUploadSignature, tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const PROBLEM = /^application\/problem\+json/;

describe('Tencent Cloud VOD uploads (real app, Redis, emulator)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let api: ReturnType<typeof tencentVodApi>;
  /** Everything the service answered, to prove no secret ever left. */
  const answered: string[] = [];
  /** Session keys seen in the store, to prove they never left it. */
  const sessionKeys: string[] = [];

  const json = async (response: Response) => {
    const text = await response.text();
    answered.push(text, JSON.stringify([...response.headers]));
    return JSON.parse(text);
  };

  async function applied(user = 'alice', body?: unknown): Promise<{ uploadId: string } & Record<string, unknown>> {
    const response = await api.apply(user, body);
    expect(response.status).toBe(201);
    const upload = await json(response);
    const key = `tencent-vod:upload:${upload.uploadId}`;
    const { vodSessionKey } = (await sut.app.get(SealedRecords).get<{ vodSessionKey: string }>(key))!;
    // What Redis holds is an AES-GCM envelope: the session key is not in it in clear.
    const raw = (await sut.app.get(Store).get(key))!;
    expect(raw).toMatch(/^v1\./);
    expect(raw).not.toContain(vodSessionKey);
    sessionKeys.push(vodSessionKey);
    return upload;
  }

  const commitCalls = () => cloud.emulator.server.calls('tencent-vod', 'CommitUpload');

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({
      redis: true,
      env: {
        ...cloud.env,
        LOG_LEVEL: 'trace',
        TENCENTCLOUD_VOD_PROCEDURES: 'transcode-hd',
        TENCENTCLOUD_VOD_CLASS_IDS: '0,12',
        TENCENTCLOUD_VOD_STORAGE_REGION: 'ap-chongqing',
      },
    });
    api = tencentVodApi(sut);
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('applies: our upload id, the COS target and a temporary certificate, never the session key', async () => {
    const upload = await applied('alice', {
      mediaType: 'MP4',
      coverType: 'png',
      mediaName: 'launch',
      procedure: 'transcode-hd',
      classId: 12,
    });
    expect(upload).toEqual({
      uploadId: expect.stringMatching(/^upl_[A-Za-z0-9_-]{22}$/),
      storageBucket: expect.stringMatching(/^[0-9a-f]+-\d+$/),
      storageRegion: 'ap-chongqing',
      mediaStoragePath: expect.stringMatching(/\.mp4$/),
      coverStoragePath: expect.stringMatching(/\.png$/),
      tempCertificate: {
        secretId: expect.any(String),
        secretKey: expect.any(String),
        token: expect.any(String),
        expiredTime: expect.any(Number),
      },
      expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      requestId: expect.any(String),
    });
    expect(Date.parse(upload.expiresAt as string)).toBe((upload.tempCertificate as { expiredTime: number }).expiredTime * 1000);
    expect(Date.parse(upload.expiresAt as string)).toBeGreaterThan(Date.now());
  });

  it('commits once: a repeat answers the same without calling CommitUpload again', async () => {
    const { uploadId } = await applied('alice', { mediaType: 'mp3' });
    const before = commitCalls();
    const first = await api.commit('alice', uploadId);
    expect(first.status).toBe(200);
    const result = await json(first);
    expect(result).toEqual({
      fileId: expect.stringMatching(/^\d+$/),
      mediaUrl: expect.stringMatching(/\.mp3$/),
      coverUrl: null,
      requestId: expect.any(String),
    });
    const again = await api.commit('alice', uploadId);
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(result);
    expect(commitCalls() - before).toBe(1);
  });

  it('calls CommitUpload once for two commits racing', async () => {
    const { uploadId } = await applied();
    const before = commitCalls();
    // Slow the upstream call so the second commit arrives while the first is in flight.
    cloud.emulator.server.faults.inject({ kind: 'latency', provider: 'tencent-vod', operation: 'CommitUpload', delayMs: 300, times: 1 });
    const [a, b] = await Promise.all([api.commit('alice', uploadId), api.commit('alice', uploadId)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await json(a)).toEqual(await json(b));
    expect(commitCalls() - before).toBe(1);
  });

  it('answers another user exactly as for an unknown upload (404), before and after the commit', async () => {
    const { uploadId } = await applied('alice');
    const unknown = await json(await api.commit('mallory', 'upl_AAAAAAAAAAAAAAAAAAAAAA'));
    const foreign = await api.commit('mallory', uploadId);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(PROBLEM);
    const { requestId: _a, ...foreignBody } = await json(foreign);
    const { requestId: _b, ...unknownBody } = unknown;
    expect(foreignBody).toEqual(unknownBody);
    expect((await api.commit('alice', uploadId)).status).toBe(200);
    expect((await api.commit('mallory', uploadId)).status).toBe(404);
    expect((await api.commit('alice', 'not-an-id')).status).toBe(404);
  });

  it.each([
    ['no body and no content type', {}],
    ['an empty JSON body', { body: '', headers: { 'content-type': 'application/json' } }],
    ['an empty object', { body: '{}', headers: { 'content-type': 'application/json' } }],
  ])('commits with %s', async (_case, init) => {
    const { uploadId } = await applied();
    expect((await api.commit('alice', uploadId, init)).status).toBe(200);
  });

  it.each([
    [{ mediaType: 'exe' }, 'mediaType'],
    [{ mediaType: 'mp4', expireTime: '2020-01-01T00:00:00Z' }, 'expireTime'],
    [{ mediaType: 'mp4', procedure: 'not-allowed' }, 'procedure'],
    [{ mediaType: 'mp4', classId: 99 }, 'classId'],
    [{ mediaType: 'mp4', subAppId: 1 }, 'subAppId'],
  ])('refuses %j with 400 naming %s, before any upstream call', async (body, field) => {
    const before = cloud.emulator.server.calls('tencent-vod', 'ApplyUpload');
    const response = await api.apply('alice', body);
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field })] });
    expect(cloud.emulator.server.calls('tencent-vod', 'ApplyUpload')).toBe(before);
  });

  it('treats null in optional fields as not given (generated clients send them)', async () => {
    const body = {
      mediaType: 'mp4',
      mediaName: null,
      coverType: null,
      expireTime: null,
      sessionContext: null,
      procedure: null,
      classId: null,
    };
    expect((await api.apply('alice', body)).status).toBe(201);
    expect((await api.sign('alice', { procedure: null, classId: null, sessionContext: null })).status).toBe(201);
  });

  it('fits a long user id into SourceContext (Tencent allows 250 characters) by hashing it', async () => {
    const longUser = 'u'.repeat(255);
    const response = await api.apply(longUser);
    expect(response.status).toBe(201);
    const { uploadId } = await json(response);
    expect((await api.commit(longUser, uploadId)).status).toBe(200);
  });

  it('signs client uploads: the HMAC verifies with our key and every field is the server’s', async () => {
    const response = await api.sign('alice', { procedure: 'transcode-hd', sessionContext: 'campaign=spring' });
    expect(response.status).toBe(201);
    const { uploadId, signature, expiresAt } = await json(response);
    const fields = decodeUploadSignature(signature, cloud.tencentKey.secret);
    expect(fields).toEqual({
      secretId: cloud.tencentKey.id,
      currentTimeStamp: expect.stringMatching(/^\d+$/),
      expireTime: String(Number(fields.currentTimeStamp) + 1800),
      random: expect.stringMatching(/^\d+$/),
      procedure: 'transcode-hd',
      sourceContext: `uploadId=${uploadId}&userId=alice`,
      oneTimeValid: '1',
      vodSubAppId: cloud.env.TENCENTCLOUD_VOD_SUB_APP_ID,
      sessionContext: 'campaign=spring',
      storageRegion: 'ap-chongqing',
    });
    expect(Date.parse(expiresAt) / 1000).toBe(Number(fields.expireTime));
    const other = decodeUploadSignature((await json(await api.sign('alice'))).signature, cloud.tencentKey.secret);
    expect(other.random === fields.random && other.currentTimeStamp === fields.currentTimeStamp).toBe(false);
  });

  it('refuses a signature choice off the allowlist', async () => {
    const response = await api.sign('alice', { classId: 7 });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ errors: [expect.objectContaining({ field: 'classId' })] });
  });

  it('gives every key it writes a TTL', async () => {
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${sut.config.store.keyPrefix}tencent-vod:*`);
      expect(keys.some((key) => key.includes(':commit:'))).toBe(true);
      expect(keys.some((key) => key.includes(':upload:'))).toBe(true);
      expect(keys.some((key) => key.includes(':signature-nonce:'))).toBe(true);
      // -1 is a key without a TTL; -2 one that expired since KEYS (other suites share this Redis).
      for (const key of keys) expect(await redis.pttl(key)).not.toBe(-1);
    } finally {
      redis.disconnect();
    }
  });

  it('never lets the SecretKey or a VodSessionKey out: responses, log lines, OpenAPI document', async () => {
    const openapi = await (await fetch(`${sut.url}/docs-json`)).text();
    expect(sessionKeys.length).toBeGreaterThan(3);
    const upstreamLines = sut.logs.entries().filter((entry) => (entry.data as { provider?: string })?.provider === 'tencent-vod');
    expect(upstreamLines.length).toBeGreaterThan(3);
    expect(upstreamLines[0]).toMatchObject({
      data: { operation: expect.any(String), upstreamRequestId: expect.any(String), latencyMs: expect.any(Number) },
    });
    for (const text of [answered.join('\n'), sut.logs.text, openapi]) {
      expect(text).not.toContain(cloud.tencentKey.secret);
      for (const key of sessionKeys) expect(text).not.toContain(key);
    }
  });
});

describe('The order of refusals once the daily quota is used up (real app, Redis, emulator)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let api: ReturnType<typeof tencentVodApi>;
  const code = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { code: string }).code });
  const exceeded = { status: 429, code: 'QUOTA_EXCEEDED' };
  const invalid = { status: 400, code: 'VALIDATION_FAILED' };

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({
      redis: true,
      env: {
        ...cloud.env,
        TENCENTCLOUD_VOD_PROCEDURES: 'transcode-hd',
        DAILY_QUOTA_TENCENT_VOD_SIGNATURE: '1',
        DAILY_QUOTA_TENCENT_VOD_MEDIA: '1',
      },
    });
    api = tencentVodApi(sut);
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('answers 429 before 400 on a create (quota reserved before the body is read) and a signature (reserved with its record)', async () => {
    expect((await api.apply('spent')).status).toBe(201);
    expect((await api.sign('spent')).status).toBe(201);

    // A body the rules refuse, and a choice the policy refuses: the used-up quota is the answer on both routes.
    expect(await code(await api.apply('spent', { mediaType: 'mp4', surprise: 1 }))).toEqual(exceeded);
    expect(await code(await api.apply('spent', { mediaType: 'mp4', procedure: 'not-allowed' }))).toEqual(exceeded);
    expect(await code(await api.sign('spent', { surprise: 1 }))).toEqual(exceeded);
    expect(await code(await api.sign('spent', { classId: -1 }))).toEqual(exceeded);
    expect(await code(await api.sign('spent', { procedure: 'not-allowed' }))).toEqual(exceeded);

    // The next signature of an upload spends no unit, so its own refusal stands; so do another user's.
    expect(await code(await api.sign('spent', { uploadId: 'upl_x' }))).toEqual(invalid);
    expect(await code(await api.sign('fresh', { surprise: 1 }))).toEqual(invalid);
    expect(await code(await api.apply('fresh', { mediaType: 'mp4', surprise: 1 }))).toEqual(invalid);
    expect((await api.sign('fresh')).status).toBe(201);
  });
});
