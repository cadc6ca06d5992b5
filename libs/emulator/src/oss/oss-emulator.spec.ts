import { createHash, randomBytes } from 'node:crypto';
import { ICE_API_VERSION, VOD_API_VERSION } from '../aliyun/aliyun.facts';
import { openApiCaller } from '../aliyun/testing/openapi-caller';
import { caught } from '../core/testing/caught';
import type { UploadCompletion } from '../core/upload-completion';
import { type RunningEmulator, startEmulator } from '../emulator';
import { OssEmulator } from './oss-emulator';
import { decodeBase64Json, NO_LIST_OPTIONS, type OssExtraOptions, ossClientFor } from './testing/ali-oss-client';

const KEY = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const USER_DATA = JSON.stringify({ Extend: { uploadId: 'upl_1' } });
const KiB = 1024;
/** Buffers compared by digest: Jest's deep equality walks them byte by byte, seconds for a few hundred KiB. */
const digest = (data: Buffer | undefined) => data && createHash('sha256').update(data).digest('hex');

/** ali-oss 6 (the Node build) against the OSS stand-in, with credentials from the VOD and IMS emulators. */
describe(OssEmulator.name, () => {
  let emulator: RunningEmulator;
  let completions: UploadCompletion[];
  const vod = (action: string, query: Record<string, unknown>) => openApiCaller(emulator.url, KEY).call(action, VOD_API_VERSION, query);
  const createVideo = () => vod('CreateUploadVideo', { Title: 'Clip', FileName: 'clip.mp4', UserData: USER_DATA });
  const stored = (created: Record<string, unknown>) => {
    const address = decodeBase64Json(created.UploadAddress);
    return digest(emulator.storage.oss.get(address.Bucket, address.FileName)?.data);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [KEY], storage: true, onUploadCompleted: (completion) => completions.push(completion) });
  });
  beforeEach(() => {
    completions = [];
  });
  afterAll(() => emulator.close());

  it('puts the object a video address names, and reports the completed upload once with its VideoId', async () => {
    const created = await createVideo();
    const { Endpoint, FileName } = decodeBase64Json(created.UploadAddress);
    expect(Endpoint).toBe(emulator.url);
    const body = randomBytes(1234);

    const result = await ossClientFor(created.UploadAddress, created.UploadAuth).put(FileName, body);

    expect(result.res.status).toBe(200);
    expect(stored(created)).toBe(digest(body));
    expect(completions).toEqual([
      {
        provider: 'aliyun-vod',
        mediaKind: 'video',
        mediaId: created.VideoId,
        size: 1234,
        fileUrl: expect.stringMatching(new RegExp(`^https://outin-[0-9a-f]+\\.oss-cn-shanghai\\.aliyuncs\\.com/${FileName}$`)),
        userData: USER_DATA,
        completedAt: expect.any(Date),
      },
    ]);
  });

  it.each<[string, OssExtraOptions]>([
    ['V1 signatures (the default)', {}],
    ['V4 signatures', { authorizationV4: true }],
    ['path-style addressing', { sldEnable: true }],
    ['cname addressing', { cname: true }],
  ])('uploads in parts with %s: initiate, parts, complete, one completion', async (_case, extra) => {
    const created = await createVideo();
    const { FileName } = decodeBase64Json(created.UploadAddress);
    const body = randomBytes(350 * KiB);

    const result = await ossClientFor(created.UploadAddress, created.UploadAuth, extra).multipartUpload(FileName, body, {
      partSize: 100 * KiB,
      parallel: 2,
    });

    expect(result.res.status).toBe(200);
    expect(stored(created)).toBe(digest(body));
    expect(completions).toEqual([expect.objectContaining({ mediaId: created.VideoId, size: body.length })]);
  });

  it('lists the parts of an upload and aborts it, reporting nothing', async () => {
    const created = await createVideo();
    const { FileName } = decodeBase64Json(created.UploadAddress);
    const client = ossClientFor(created.UploadAddress, created.UploadAuth);
    const { uploadId } = await client.initMultipartUpload(FileName);
    const part = randomBytes(120 * KiB);
    const uploaded = await client.uploadPart(FileName, uploadId, 1, part, 0, part.length);
    expect(uploaded.etag).toMatch(/^"[0-9A-F]{32}"$/);

    const listed = await client.listParts(FileName, uploadId, NO_LIST_OPTIONS);
    expect([listed.parts].flat()).toEqual([expect.objectContaining({ PartNumber: '1', Size: String(part.length) })]);
    await client.abortMultipartUpload(FileName, uploadId);
    expect(await caught(client.listParts(FileName, uploadId, NO_LIST_OPTIONS))).toMatchObject({ status: 404, code: 'NoSuchUpload' });
    expect(completions).toEqual([]);
  });

  it('answers an expired credential with SecurityTokenExpired; the refreshed one resumes from the checkpoint', async () => {
    const created = await createVideo();
    const { FileName } = decodeBase64Json(created.UploadAddress);
    const body = randomBytes(520 * KiB);
    let checkpoint: unknown;
    const upload = ossClientFor(created.UploadAddress, created.UploadAuth).multipartUpload(FileName, body, {
      partSize: 100 * KiB,
      parallel: 1,
      progress: async (_fraction: number, saved: { doneParts: unknown[] }) => {
        checkpoint = saved;
        if (saved.doneParts.length === 2) emulator.storage.keys.expireAll();
      },
    });

    expect(await caught(upload)).toMatchObject({ status: 403, code: 'SecurityTokenExpired', name: 'SecurityTokenExpiredError' });
    const refreshed = await vod('RefreshUploadVideo', { VideoId: created.VideoId });
    const resumed = await ossClientFor(refreshed.UploadAddress, refreshed.UploadAuth).multipartUpload(FileName, body, {
      checkpoint: checkpoint as never,
      partSize: 100 * KiB,
    });

    expect(resumed.res.status).toBe(200);
    expect(stored(created)).toBe(digest(body));
    expect(completions).toEqual([expect.objectContaining({ mediaId: created.VideoId, size: body.length })]);
  });

  it('refuses another object, another bucket, a wrong secret, an unknown key id and a foreign token', async () => {
    const created = await createVideo();
    const address = decodeBase64Json(created.UploadAddress);
    const auth = decodeBase64Json(created.UploadAuth);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
    const put = (uploadAddress: string, uploadAuth: string, key = address.FileName) =>
      caught(ossClientFor(uploadAddress, uploadAuth).put(key, Buffer.from('x')));
    const other = await createVideo();

    expect(await put(created.UploadAddress as string, created.UploadAuth as string, 'sv/other/other.mp4')).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await put(encode({ ...address, Bucket: 'outin-ffffffffffffffff' }), created.UploadAuth as string)).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await put(created.UploadAddress as string, encode({ ...auth, AccessKeySecret: 'wrong' }))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect(await put(created.UploadAddress as string, encode({ ...auth, AccessKeyId: 'STS.unknown' }))).toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
    });
    const foreignToken = encode({ ...auth, SecurityToken: decodeBase64Json(other.UploadAuth).SecurityToken });
    expect(await put(created.UploadAddress as string, foreignToken)).toMatchObject({ status: 403, code: 'InvalidSecurityToken' });
    expect(completions).toEqual([]);
  });

  it('reports images, attached media and IMS media with their own ids and kinds', async () => {
    const image = await vod('CreateUploadImage', { ImageType: 'default', ImageExt: 'png' });
    const attached = await vod('CreateUploadAttachedMedia', { BusinessType: 'watermark', MediaExt: 'png' });
    const fileInfo = JSON.stringify({ Type: 'audio', Name: 'talk', Ext: 'mp3' });
    const media = await openApiCaller(emulator.url, KEY).call('CreateUploadMedia', ICE_API_VERSION, {
      FileInfo: fileInfo,
      MediaMetaData: JSON.stringify({ Title: 'Talk', BusinessType: 'general' }),
    });
    for (const created of [image, attached, media]) {
      await ossClientFor(created.UploadAddress, created.UploadAuth).put(decodeBase64Json(created.UploadAddress).FileName, Buffer.from('x'));
    }

    expect(
      completions.map((done) => ({
        provider: done.provider,
        mediaKind: 'mediaKind' in done && done.mediaKind,
        mediaId: done.mediaId,
        fileUrl: done.fileUrl,
      })),
    ).toEqual([
      { provider: 'aliyun-vod', mediaKind: 'image', mediaId: image.ImageId, fileUrl: image.FileURL },
      { provider: 'aliyun-vod', mediaKind: 'attached-media', mediaId: attached.MediaId, fileUrl: attached.FileURL },
      { provider: 'aliyun-ims', mediaKind: 'audio', mediaId: media.MediaId, fileUrl: media.FileURL },
    ]);
  });

  it('answers a browser preflight before any signature check, and exposes the ETag', async () => {
    const preflight = await fetch(`${emulator.url}/sv/a/a.mp4`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type,x-oss-date,x-oss-security-token,x-oss-user-agent',
      },
    });
    expect(preflight.status).toBe(200);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-headers': 'authorization,content-type,x-oss-date,x-oss-security-token,x-oss-user-agent',
      'access-control-allow-methods': expect.stringContaining('PUT'),
    });

    const unsigned = await fetch(`${emulator.url}/sv/a/a.mp4`, {
      method: 'PUT',
      headers: { origin: 'http://localhost:3000', 'x-oss-date': 'x' },
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    expect(await unsigned.text()).toMatch(/<Code>AccessDenied<\/Code>/);
  });

  it('issues credentials of the lifetime set over HTTP, and the providers’ own again once reset', async () => {
    const lifetime = (seconds: number | null) =>
      fetch(`${emulator.url}/__emulator/credential-lifetime`, { method: 'PUT', body: JSON.stringify({ seconds }) });
    expect((await lifetime(5)).status).toBe(204);
    const short = decodeBase64Json((await createVideo()).UploadAuth);
    expect(short.Expiration).toBe('5');
    expect(Date.parse(short.ExpireUTCTime) - Date.now()).toBeLessThanOrEqual(5000);
    await lifetime(null);
    expect(decodeBase64Json((await createVideo()).UploadAuth).Expiration).toBe('3000');
  });
});
