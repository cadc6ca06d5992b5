import { randomBytes, randomInt } from 'node:crypto';
import { tencent } from '@app/providers';
import { cosClientFor } from '../../cos/testing/cos-client';
import type { UploadCompletion } from '../../core/upload-completion';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { vodSdkClient } from '../testing/vod-sdk-client';
import { EMULATED_SUB_APP_ID } from '../vod-emulator';
import { UGC_CODES } from './ugc-answers';
import { UgcEmulator } from './ugc-emulator';

// The service's own signer: the emulator's verifier must accept what the service signs.
const { signUploadSignature } = tencent;
type UploadSignatureFields = tencent.UploadSignatureFields;

const KEY = { id: `AKID${randomBytes(8).toString('hex')}`, secret: randomBytes(16).toString('hex') };

/**
 * The client upload API as vod-js-sdk-v6 drives it (Prepare, Apply, COS, Commit), with signatures
 * made by the service's own signer (libs/tencent upload-signature.ts). The browser SDK itself is
 * driven by the browser tests.
 */
describe(UgcEmulator.name, () => {
  let emulator: RunningEmulator;
  let completions: UploadCompletion[];

  beforeAll(async () => {
    emulator = await startEmulator({ tencentKeys: [KEY], storage: true, onUploadCompleted: (completion) => completions.push(completion) });
  });
  beforeEach(() => {
    completions = [];
  });
  afterAll(() => emulator.close());

  /** What the service's signature route signs: a fresh random, one use, the application, the user's SourceContext. */
  const sign = (fields: Partial<UploadSignatureFields> = {}, secret = KEY.secret) => {
    const now = Math.floor(Date.now() / 1000);
    return signUploadSignature(secret, {
      secretId: KEY.id,
      currentTimeStamp: now,
      expireTime: now + 1800,
      random: randomInt(0, 2 ** 32 - 1),
      oneTimeValid: 1,
      vodSubAppId: EMULATED_SUB_APP_ID,
      sourceContext: 'userId=alice',
      ...fields,
    });
  };
  const call = async (action: string, body: Record<string, unknown>) => {
    const response = await fetch(`${emulator.url}/v3/index.php?Action=${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { code: number; message: string; data: Record<string, any> };
  };
  const applyFor = (signature = sign()) =>
    call('ApplyUploadUGC', {
      signature,
      videoName: 'clip',
      videoType: 'mp4',
      videoSize: 2000,
      coverName: 'c',
      coverType: 'jpg',
      coverSize: 10,
      uploadFromWeb: true,
    });

  it('prepares, applies, takes the files in COS with the certificate, and commits once, reporting the FileId', async () => {
    expect(await call('PrepareUploadUGC', { signature: sign() })).toMatchObject({
      code: 0,
      data: { appId: EMULATED_SUB_APP_ID, cosRegionList: [{ region: 'ap-guangzhou' }] },
    });
    const { code, data } = await applyFor();
    expect(code).toBe(0);
    expect(data).toMatchObject({
      storageAppId: expect.any(Number),
      storageRegionV5: 'ap-guangzhou',
      tempCertificate: { expiredTime: expect.any(Number) },
    });

    const cos = cosClientFor(emulator.url, {
      SecretId: data.tempCertificate.secretId,
      SecretKey: data.tempCertificate.secretKey,
      Token: data.tempCertificate.token,
      ExpiredTime: data.tempCertificate.expiredTime,
    });
    const bucket = { Bucket: `${data.storageBucket}-${data.storageAppId}`, Region: data.storageRegionV5 };
    expect((await call('CommitUploadUGC', { signature: sign(), vodSessionKey: data.vodSessionKey })).code).toBe(UGC_CODES.FILE_MISSING);
    await cos.putObject({ ...bucket, Key: data.video.storagePath, Body: randomBytes(2000) });
    await cos.putObject({ ...bucket, Key: data.cover.storagePath, Body: randomBytes(10) });

    const committed = await call('CommitUploadUGC', { signature: sign(), vodSessionKey: data.vodSessionKey });
    expect(committed).toMatchObject({ code: 0, data: { fileId: expect.stringMatching(/^\d+$/), video: { url: expect.any(String) } } });
    expect(completions).toEqual([
      {
        provider: 'tencent-vod',
        via: 'commit-upload-ugc',
        mediaId: committed.data.fileId,
        size: 2000,
        fileUrl: committed.data.video.url,
        coverUrl: committed.data.cover.url,
        sourceContext: 'userId=alice',
        sessionContext: undefined,
        completedAt: expect.any(Date),
      },
    ]);
    expect((await call('CommitUploadUGC', { signature: sign(), vodSessionKey: data.vodSessionKey })).code).toBe(UGC_CODES.SESSION_INVALID);

    // The same account: the VOD API reports the committed file, as large as its object.
    const sdk = vodSdkClient(emulator.url, { secretId: KEY.id, secretKey: KEY.secret });
    try {
      const described = await sdk.client.DescribeMediaInfos({ FileIds: [committed.data.fileId], SubAppId: EMULATED_SUB_APP_ID });
      expect(described.MediaInfoSet?.[0]).toMatchObject({ BasicInfo: { Type: 'mp4' }, MetaData: { Size: 2000 } });
    } finally {
      sdk.close();
    }
  });

  it('resumes a session by its vodSessionKey with a fresh certificate', async () => {
    const first = await applyFor();
    const resumed = await call('ApplyUploadUGC', { signature: sign(), vodSessionKey: first.data.vodSessionKey, uploadFromWeb: true });
    expect(resumed.data).toMatchObject({ vodSessionKey: first.data.vodSessionKey, video: { storagePath: first.data.video.storagePath } });
    expect(resumed.data.tempCertificate.secretId).not.toBe(first.data.tempCertificate.secretId);
  });

  it.each([
    ['an expired signature', () => sign({ currentTimeStamp: 1_700_000_000, expireTime: 1_700_000_600 }), UGC_CODES.SIGNATURE_EXPIRED],
    ['another SecretKey', () => sign({}, 'f'.repeat(32)), UGC_CODES.SIGNATURE_INVALID],
    ['an unknown secretId', () => sign({ secretId: 'AKIDunknown' }), UGC_CODES.SIGNATURE_INVALID],
    ['a validity over 90 days', () => sign({ expireTime: Math.floor(Date.now() / 1000) + 91 * 86_400 }), UGC_CODES.SIGNATURE_INVALID],
    ['another vodSubAppId', () => sign({ vodSubAppId: 1500000999 }), UGC_CODES.SUB_APP_INVALID],
    ['no vodSubAppId', () => sign({ vodSubAppId: undefined }), UGC_CODES.SUB_APP_INVALID],
    ['no signature', () => '', UGC_CODES.SIGNATURE_INVALID],
  ])('refuses %s', async (_case, signature, code) => {
    expect((await applyFor(signature())).code).toBe(code);
  });

  it('takes a one-time signature once, and a reusable one again', async () => {
    const once = sign();
    expect((await applyFor(once)).code).toBe(0);
    expect(await applyFor(once)).toMatchObject({ code: UGC_CODES.SIGNATURE_USED, message: expect.stringMatching(/already used/) });
    const reusable = sign({ oneTimeValid: undefined });
    expect((await applyFor(reusable)).code).toBe(0);
    expect((await applyFor(reusable)).code).toBe(0);
  });

  it('answers the browser preflight, and its origin on every answer', async () => {
    const preflight = await fetch(`${emulator.url}/v3/index.php?Action=ApplyUploadUGC`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const answer = await fetch(`${emulator.url}/v3/index.php?Action=PrepareUploadUGC`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000' },
      body: '{}',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(await answer.json()).toMatchObject({ code: UGC_CODES.SIGNATURE_INVALID });
  });
});
