import { randomBytes } from 'node:crypto';
import { VOD_API_VERSION } from './aliyun.facts';
import { startEmulator, type RunningEmulator } from '../emulator';
import { type Caller, decodeBase64Json, failure, openApiCaller } from './testing/openapi-caller';

const key = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const other = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const VIDEO = { Title: 'UploadTest', FileName: 'D:\\video_01.mp4' };

describe('VOD emulator', () => {
  let emulator: RunningEmulator;
  let vod: Caller;
  const call = (action: string, query: Record<string, unknown>, caller = vod) => caller.call(action, VOD_API_VERSION, query);

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [key, other] });
    vod = openApiCaller(emulator.url, key);
  });
  afterAll(() => emulator.close());

  it('creates a video with base64 UploadAddress and UploadAuth holding the real field sets', async () => {
    const body = await call('CreateUploadVideo', { ...VIDEO, StorageLocation: 'outin-abc123.oss-cn-beijing.aliyuncs.com' });
    expect(decodeBase64Json(body.UploadAddress)).toEqual({
      Endpoint: 'https://oss-cn-beijing.aliyuncs.com',
      Bucket: 'outin-abc123',
      FileName: expect.stringMatching(/^sv\/.+\.mp4$/),
    });
    const auth = decodeBase64Json(body.UploadAuth);
    expect(Object.keys(auth).sort()).toEqual(['AccessKeyId', 'AccessKeySecret', 'Expiration', 'ExpireUTCTime', 'Region', 'SecurityToken']);
    expect(auth).toMatchObject({ Expiration: '3000', Region: 'cn-beijing' });
    expect(Date.parse(String(auth.ExpireUTCTime))).toBeGreaterThan(Date.now());
  });

  it('refreshes only videos it created for the same account: same address, fresh credential', async () => {
    const created = await call('CreateUploadVideo', VIDEO);
    const refreshed = await call('RefreshUploadVideo', { VideoId: created.VideoId });
    expect(refreshed).toMatchObject({ VideoId: created.VideoId, UploadAddress: created.UploadAddress });
    expect(refreshed.UploadAuth).not.toBe(created.UploadAuth);
    expect(await failure(call('RefreshUploadVideo', { VideoId: 'f'.repeat(32) }))).toMatchObject({
      code: 'InvalidVideo.NotFound',
      status: 404,
    });
    const foreign = openApiCaller(emulator.url, other);
    expect(await failure(call('RefreshUploadVideo', { VideoId: created.VideoId }, foreign))).toMatchObject({
      code: 'InvalidVideo.NotFound',
    });
  });

  it('answers a repeated ReferenceId with the same VideoId and a fresh credential (assumed; undocumented)', async () => {
    const first = await call('CreateUploadVideo', { ...VIDEO, ReferenceId: 'ref-123456' });
    const again = await call('CreateUploadVideo', { ...VIDEO, ReferenceId: 'ref-123456' });
    expect(again.VideoId).toBe(first.VideoId);
    expect(again.UploadAuth).not.toBe(first.UploadAuth);
    const otherAccount = await call('CreateUploadVideo', { ...VIDEO, ReferenceId: 'ref-123456' }, openApiCaller(emulator.url, other));
    expect(otherAccount.VideoId).not.toBe(first.VideoId);
  });

  it.each([
    ['no Title', { FileName: 'a.mp4' }, 'MissingParameter', 400],
    ['no FileName', { Title: 't' }, 'MissingParameter', 400],
    ['a FileName without a video extension', { ...VIDEO, FileName: 'notes.txt' }, 'InvalidFileName.Extension', 400],
    ['a Title of 129 characters', { ...VIDEO, Title: '题'.repeat(129) }, 'LengthExceededMax', 400],
    ['an emoji in the Title', { ...VIDEO, Title: 'party 🎉' }, 'IllegalCharacters', 400],
    ['a control character in a tag', { ...VIDEO, Tags: 'a,b\u0007' }, 'IllegalCharacters', 400],
    ['17 tags', { ...VIDEO, Tags: Array.from({ length: 17 }, (_, i) => `t${i}`).join(',') }, 'TagsExceededMax', 400],
    ['a tag of 33 characters', { ...VIDEO, Tags: 'x'.repeat(33) }, 'LengthExceededMax', 400],
    ['a Description of 1,025 characters', { ...VIDEO, Description: 'd'.repeat(1025) }, 'LengthExceededMax', 400],
    ['a FileSize that is not a number', { ...VIDEO, FileSize: '12abc' }, 'InvalidParameter', 400],
    ['an unknown TemplateGroupId', { ...VIDEO, TemplateGroupId: 'nope' }, 'InvalidTemplateGroupId.NotFound', 404],
    ['an unknown StorageLocation', { ...VIDEO, StorageLocation: 'bucket.example.com' }, 'InvalidStorage.NotFound', 404],
    ['UserData that is not JSON', { ...VIDEO, UserData: '{nope' }, 'InvalidParameter', 400],
    ['an Extend over 512 bytes', { ...VIDEO, UserData: JSON.stringify({ Extend: { a: 'x'.repeat(510) } }) }, 'InvalidParameter', 400],
    ['a malformed ReferenceId', { ...VIDEO, ReferenceId: 'abc' }, 'InvalidParameter', 400],
  ])('refuses CreateUploadVideo with %s', async (_case, query, code, status) => {
    expect(await failure(call('CreateUploadVideo', query))).toMatchObject({ code, status });
  });

  it('accepts 128 CJK characters in a video Title (the video API counts characters)', async () => {
    expect((await call('CreateUploadVideo', { ...VIDEO, Title: '题'.repeat(128) })).VideoId).toBeDefined();
  });

  it('creates an image with ImageURL and FileURL', async () => {
    const body = await call('CreateUploadImage', { ImageType: 'cover', ImageExt: 'jpg' });
    expect(body).toMatchObject({ ImageId: expect.any(String), ImageURL: expect.stringMatching(/\.jpg$/), FileURL: expect.any(String) });
    expect(decodeBase64Json(body.UploadAddress).FileName).toMatch(/^image\/cover\//);
  });

  it.each([
    ['no ImageType', {}, 'MissingParameter'],
    ['an unknown ImageType', { ImageType: 'poster' }, 'InvalidParameter'],
    ['ImageExt bmp', { ImageType: 'default', ImageExt: 'bmp' }, 'InvalidParameter'],
    ['a Title of 43 CJK characters (129 bytes)', { ImageType: 'default', Title: '题'.repeat(43) }, 'LengthExceededMax'],
    ['a tag of 11 CJK characters (33 bytes)', { ImageType: 'default', Tags: '题'.repeat(11) }, 'LengthExceededMax'],
  ])('refuses CreateUploadImage with %s', async (_case, query, code) => {
    expect(await failure(call('CreateUploadImage', query))).toMatchObject({ code, status: 400 });
  });

  it('creates attached media with MediaURL and FileURL', async () => {
    const body = await call('CreateUploadAttachedMedia', { BusinessType: 'subtitle', MediaExt: 'vtt', CateIds: '1,2' });
    expect(body).toMatchObject({ MediaId: expect.any(String), MediaURL: expect.stringMatching(/\.vtt$/), FileURL: expect.any(String) });
  });

  it.each([
    ['no BusinessType', { MediaExt: 'png' }, 'MissingParameter'],
    ['a MediaExt of another business type', { BusinessType: 'watermark', MediaExt: 'srt' }, 'InvalidParameter'],
    ['six CateIds', { BusinessType: 'material', CateIds: '1,2,3,4,5,6' }, 'InvalidParameter'],
    ['a FileName with a subtitle extension for a watermark', { BusinessType: 'watermark', FileName: 'a.srt' }, 'InvalidFileName.Extension'],
    ['a Title of 129 bytes', { BusinessType: 'material', Title: 'a'.repeat(129) }, 'LengthExceededMax'],
  ])('refuses CreateUploadAttachedMedia with %s', async (_case, query, code) => {
    expect(await failure(call('CreateUploadAttachedMedia', query))).toMatchObject({ code, status: 400 });
  });

  it('answers injected faults as the service does: Throttling.User 400, ServiceUnavailable 503', async () => {
    emulator.server.faults.inject({ kind: 'throttle', provider: 'aliyun-vod', times: 1 });
    expect(await failure(call('CreateUploadVideo', VIDEO))).toMatchObject({ code: 'Throttling.User', status: 400 });
    emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-vod', operation: 'CreateUploadImage', times: 1 });
    expect(await failure(call('CreateUploadImage', { ImageType: 'default' }))).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
    expect(emulator.server.calls('aliyun-vod', 'CreateUploadImage')).toBeGreaterThan(0);
  });
});
