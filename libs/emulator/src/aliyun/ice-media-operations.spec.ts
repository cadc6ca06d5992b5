import { randomBytes } from 'node:crypto';
import { ICE_API_VERSION } from './aliyun.facts';
import { startEmulator, type RunningEmulator } from '../emulator';
import { type Caller, failure, openApiCaller } from './testing/openapi-caller';

const key = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const MEDIA = {
  FileInfo: JSON.stringify({ Type: 'video', Name: 'clip', Ext: 'mp4' }),
  MediaMetaData: JSON.stringify({ Title: 'UploadTest', BusinessType: 'opening' }),
};

describe('ICE emulator lookups and deletes', () => {
  let emulator: RunningEmulator;
  let ice: Caller;
  const call = (action: string, query: Record<string, unknown>) => ice.call(action, ICE_API_VERSION, query);
  const control = (action: string, method: string, body: object) =>
    fetch(`${emulator.url}/__emulator/${action}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const newMedia = async () => String((await call('CreateUploadMedia', MEDIA)).MediaId);

  beforeAll(async () => {
    emulator = await startEmulator({ aliyunKeys: [key] });
    ice = openApiCaller(emulator.url, key);
  });
  afterAll(() => emulator.close());

  it('reports new media Init without files, then Normal with its source file (strings, as the model has them)', async () => {
    const mediaId = await newMedia();
    expect(await call('GetMediaInfo', { MediaId: mediaId })).toMatchObject({
      MediaInfo: { MediaId: mediaId, MediaBasicInfo: { Status: 'Init', MediaType: 'video', Title: 'UploadTest' }, FileInfoList: [] },
    });
    await control('uploads/complete', 'POST', { provider: 'aliyun-ims', id: mediaId, size: 5510872 });
    await control('aliyun/media', 'PUT', { product: 'aliyun-ims', id: mediaId, state: 'stored', duration: 216.2 });
    expect(await call('GetMediaInfo', { MediaId: mediaId })).toMatchObject({
      MediaInfo: {
        MediaBasicInfo: { Status: 'Normal' },
        FileInfoList: [
          {
            FileBasicInfo: {
              FileSize: '5510872',
              Duration: '216.2',
              FileType: 'source_file',
              FormatName: 'mp4',
              FileName: expect.stringMatching(/\.mp4$/),
              FileUrl: expect.any(String),
            },
          },
        ],
      },
    });
  });

  it('reports a failed upload PrepareFail, and an unknown id ResourceNotFound (404)', async () => {
    const mediaId = await newMedia();
    await control('aliyun/media', 'PUT', { product: 'aliyun-ims', id: mediaId, state: 'failed' });
    expect(await call('GetMediaInfo', { MediaId: mediaId })).toMatchObject({ MediaInfo: { MediaBasicInfo: { Status: 'PrepareFail' } } });
    expect(await failure(call('GetMediaInfo', { MediaId: 'c'.repeat(32) }))).toMatchObject({ code: 'ResourceNotFound', status: 404 });
    expect(await failure(call('GetMediaInfo', {}))).toMatchObject({ code: 'MissingParameter' });
  });

  it('deletes media with its stored file, listing what it could not find in IgnoredList', async () => {
    const mediaId = await newMedia();
    const missing = 'b'.repeat(32);
    expect(await call('DeleteMediaInfos', { MediaIds: `${mediaId},${missing}`, DeletePhysicalFiles: true })).toMatchObject({
      IgnoredList: [missing],
      ForbiddenList: [],
    });
    expect(await failure(call('GetMediaInfo', { MediaId: mediaId }))).toMatchObject({ code: 'ResourceNotFound', status: 404 });
    expect(await failure(call('DeleteMediaInfos', {}))).toMatchObject({ code: 'MissingParameter' });
  });

  it('takes faults by operation name', async () => {
    emulator.server.faults.inject({ kind: 'throttle', operation: 'DeleteMediaInfos', times: 1 });
    expect(await failure(call('DeleteMediaInfos', { MediaIds: 'x' }))).toMatchObject({ code: 'Throttling.User', status: 400 });
  });
});
