import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caught } from '../core/testing/caught';
import type { UploadCompletion } from '../core/upload-completion';
import { type RunningEmulator, startEmulator } from '../emulator';
import { errorCode, vodSdkClient } from '../tencent/testing/vod-sdk-client';
import { EMULATED_SUB_APP_ID } from '../tencent/vod-emulator';
import { CosEmulator } from './cos-emulator';
import { cosClientFor } from './testing/cos-client';

const KEY = { id: `sid-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const MiB = 1024 * 1024;
const digest = (data: Buffer | undefined) => data && createHash('sha256').update(data).digest('hex');

/** cos-nodejs-sdk-v5 against the COS stand-in, with ApplyUpload's certificate; CommitUpload then needs the files. */
describe(CosEmulator.name, () => {
  let emulator: RunningEmulator;
  let vod: ReturnType<typeof vodSdkClient>;
  let completions: UploadCompletion[];
  let directory: string;

  beforeAll(async () => {
    emulator = await startEmulator({ tencentKeys: [KEY], storage: true, onUploadCompleted: (completion) => completions.push(completion) });
    vod = vodSdkClient(emulator.url, { secretId: KEY.id, secretKey: KEY.secret });
    directory = mkdtempSync(join(tmpdir(), 'cos-spec-'));
  });
  beforeEach(() => {
    completions = [];
  });
  afterAll(async () => {
    vod.close();
    rmSync(directory, { recursive: true, force: true });
    await emulator.close();
  });

  const apply = () =>
    vod.client.ApplyUpload({
      MediaType: 'mp4',
      CoverType: 'jpg',
      SubAppId: EMULATED_SUB_APP_ID,
      SourceContext: 'uploadId=upl_1&userId=alice',
    });
  const stored = (bucket: string | undefined, path: string | undefined) => digest(emulator.storage.cos.get(bucket!, path!.slice(1))?.data);
  const file = (data: Buffer) => {
    const path = join(directory, `${randomBytes(4).toString('hex')}.mp4`);
    writeFileSync(path, data);
    return path;
  };

  it('takes the cover by putObject and the media by sliceUploadFile; CommitUpload then reports the FileId once', async () => {
    const applied = await apply();
    const cos = cosClientFor(emulator.url, applied.TempCertificate!);
    const target = { Bucket: applied.StorageBucket!, Region: applied.StorageRegion! };
    expect(await errorCode(vod.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: EMULATED_SUB_APP_ID }))).toBe(
      'ResourceNotFound',
    );

    const cover = randomBytes(3000);
    const media = randomBytes(2.5 * MiB);
    expect((await cos.putObject({ ...target, Key: applied.CoverStoragePath!, Body: cover })).statusCode).toBe(200);
    const sliced = await cos.sliceUploadFile({ ...target, Key: applied.MediaStoragePath!, FilePath: file(media), ChunkSize: MiB });
    expect(sliced.statusCode).toBe(200);
    expect(stored(applied.StorageBucket, applied.CoverStoragePath)).toBe(digest(cover));
    expect(stored(applied.StorageBucket, applied.MediaStoragePath)).toBe(digest(media));
    expect(emulator.server.calls('tencent-cos', 'UploadPart')).toBe(3);
    expect(completions).toEqual([]);

    const committed = await vod.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: EMULATED_SUB_APP_ID });
    expect(completions).toEqual([
      {
        provider: 'tencent-vod',
        via: 'commit-upload',
        mediaId: committed.FileId,
        size: media.length,
        fileUrl: committed.MediaUrl,
        coverUrl: committed.CoverUrl,
        sourceContext: 'uploadId=upl_1&userId=alice',
        sessionContext: undefined,
        completedAt: expect.any(Date),
      },
    ]);
    // Some 10 requests through two SDKs, their first calls in this file: a fraction of a second, more on a loaded machine.
  }, 15_000);

  it('lists uploads in progress and their parts, and aborts one', async () => {
    const applied = await apply();
    const cos = cosClientFor(emulator.url, applied.TempCertificate!);
    const object = { Bucket: applied.StorageBucket!, Region: applied.StorageRegion!, Key: applied.MediaStoragePath! };
    const { UploadId } = await cos.multipartInit(object);
    await cos.multipartUpload({ ...object, UploadId, PartNumber: 1, Body: randomBytes(MiB) });

    expect((await cos.multipartListPart({ ...object, UploadId })).Part).toEqual([
      expect.objectContaining({ PartNumber: '1', Size: String(MiB) }),
    ]);
    const listed = await cos.multipartList({ Bucket: object.Bucket, Region: object.Region, Prefix: object.Key.slice(1), Delimiter: '/' });
    expect(listed.Upload).toHaveLength(1);
    expect((await cos.multipartAbort({ ...object, UploadId })).statusCode).toBe(204);
    expect(await caught(cos.multipartListPart({ ...object, UploadId }))).toMatchObject({ statusCode: 404, code: 'NoSuchUpload' });
  });

  it('refuses a key outside the storage paths, a wrong secret and an expired certificate', async () => {
    const applied = await apply();
    const certificate = applied.TempCertificate!;
    const target = { Bucket: applied.StorageBucket!, Region: applied.StorageRegion! };
    const put = (key: string, cos = cosClientFor(emulator.url, certificate)) =>
      caught(cos.putObject({ ...target, Key: key, Body: Buffer.from('x') }));

    expect(await put('/elsewhere/x.mp4')).toMatchObject({ statusCode: 403, code: 'AccessDenied', message: 'Access Denied.' });
    const wrongSecret = cosClientFor(emulator.url, { ...certificate, SecretKey: 'x'.repeat(32) });
    expect(await put(applied.MediaStoragePath!, wrongSecret)).toMatchObject({ statusCode: 403, code: 'SignatureDoesNotMatch' });
    emulator.storage.keys.expireAll();
    expect(await put(applied.MediaStoragePath!)).toMatchObject({ statusCode: 403, code: 'AccessDenied', message: 'Request has expired' });
    expect(emulator.storage.cos.get(applied.StorageBucket!, applied.MediaStoragePath!.slice(1))).toBeUndefined();
  });

  it('answers a browser preflight before any signature check, and exposes the ETag', async () => {
    const response = await fetch(`${emulator.url}/1500000001/abc/f0.mp4`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type,x-cos-security-token',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-cos-security-token');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/ETag/);
  });

  it('issues certificates of the configured lifetime', async () => {
    const shortLived = await startEmulator({ tencentKeys: [KEY], uploadCredentialLifetimeSeconds: 10 });
    const client = vodSdkClient(shortLived.url, { secretId: KEY.id, secretKey: KEY.secret });
    try {
      const applied = await client.client.ApplyUpload({ MediaType: 'mp4', SubAppId: EMULATED_SUB_APP_ID });
      expect(applied.TempCertificate!.ExpiredTime! - Date.now() / 1000).toBeLessThanOrEqual(10);
    } finally {
      client.close();
      await shortLived.close();
    }
  });
});
