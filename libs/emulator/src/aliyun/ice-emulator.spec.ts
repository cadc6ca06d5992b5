import { randomBytes } from 'node:crypto';
import { ICE_API_VERSION } from './aliyun.facts';
import { startEmulator, type RunningEmulator } from '../emulator';
import { type Caller, decodeBase64Json, failure, openApiCaller } from './testing/openapi-caller';

const key = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const FILE = { Type: 'video', Name: 'clip', Ext: 'mp4', Size: 1024 };
const META = { Title: 'UploadTest', BusinessType: 'opening', Tags: 'a,b' };
const media = (file: object = FILE, meta: object = META, extra: Record<string, unknown> = {}) => ({
  FileInfo: JSON.stringify(file),
  MediaMetaData: JSON.stringify(meta),
  ...extra,
});

describe('ICE emulator', () => {
  let emulator: RunningEmulator;
  let ice: Caller;
  const call = (action: string, query: Record<string, unknown>) => ice.call(action, ICE_API_VERSION, query);

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [key] });
    ice = openApiCaller(emulator.url, key);
  });
  afterAll(() => emulator.close());

  it('creates media, then refreshes it with the same address and a fresh credential', async () => {
    const created = await call(
      'CreateUploadMedia',
      media(FILE, META, {
        UploadTargetConfig: JSON.stringify({ StorageType: 'oss', StorageLocation: 'outin-ff00.oss-cn-beijing.aliyuncs.com' }),
        PostProcessConfig: JSON.stringify({ ProcessType: 'Workflow', ProcessID: 'a'.repeat(32) }),
      }),
    );
    expect(created).toMatchObject({ MediaId: expect.any(String), MediaURL: '', FileURL: expect.stringContaining('outin-ff00') });
    expect(decodeBase64Json(created.UploadAuth)).toMatchObject({ Region: 'cn-beijing', Expiration: '3000' });
    const refreshed = await call('RefreshUploadMedia', { MediaId: created.MediaId });
    expect(refreshed).toMatchObject({ MediaId: created.MediaId, UploadAddress: created.UploadAddress });
    expect(refreshed.UploadAuth).not.toBe(created.UploadAuth);
    expect(await failure(call('RefreshUploadMedia', { MediaId: 'e'.repeat(32) }))).toMatchObject({
      code: 'ResourceNotFound',
      status: 404,
    });
  });

  it.each([
    ['no FileInfo', { MediaMetaData: JSON.stringify(META) }, 'MissingParameter'],
    ['FileInfo that is not JSON', { FileInfo: 'video', MediaMetaData: JSON.stringify(META) }, 'InvalidParameter'],
    ['an unknown Type', media({ ...FILE, Type: 'movie' }), 'InvalidParameter'],
    ['an Ext of another Type', media({ ...FILE, Ext: 'png' }), 'InvalidParameter'],
    ['no Title', media(FILE, { BusinessType: 'opening' }), 'MissingParameter'],
    ['a Title of 129 characters', media(FILE, { ...META, Title: 't'.repeat(129) }), 'LengthExceededMax'],
    ['an emoji in the Description', media(FILE, { ...META, Description: 'hi 😀' }), 'IllegalCharacters'],
    ['a video with BusinessType cover', media(FILE, { ...META, BusinessType: 'cover' }), 'InvalidParameter'],
    [
      'text with BusinessType general',
      media({ ...FILE, Type: 'text', Ext: 'srt' }, { ...META, BusinessType: 'general' }),
      'InvalidParameter',
    ],
    [
      'a font with a subtitle extension',
      media({ ...FILE, Type: 'text', Ext: 'srt' }, { ...META, BusinessType: 'font' }),
      'InvalidParameter',
    ],
    [
      'post-processing of an image',
      media(
        { ...FILE, Type: 'image', Ext: 'png' },
        { ...META, BusinessType: 'cover' },
        { PostProcessConfig: JSON.stringify({ ProcessType: 'Workflow', ProcessID: 'a'.repeat(32) }) },
      ),
      'InvalidParameter',
    ],
    [
      'StorageType other than oss',
      media(FILE, META, {
        UploadTargetConfig: JSON.stringify({ StorageType: 'vod', StorageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com' }),
      }),
      'InvalidParameter',
    ],
  ])('refuses CreateUploadMedia with %s', async (_case, query, code) => {
    expect(await failure(call('CreateUploadMedia', query))).toMatchObject({ code, status: 400 });
  });

  it('names the nested parameter in the message (FileInfo.Ext)', async () => {
    const { data } = await failure(call('CreateUploadMedia', media({ ...FILE, Ext: 'png' })));
    expect(data.Message).toContain('FileInfo.Ext');
  });

  it('takes faults for its own provider name', async () => {
    emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-ice', times: 1 });
    expect(await failure(call('RefreshUploadMedia', { MediaId: 'x' }))).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
  });
});
