import { EmulatorServer } from '../core/emulator-server';
import { EmulatedStorage } from '../storage/emulated-storage';
import { errorCode, vodSdkClient } from './testing/vod-sdk-client';
import { EMULATED_SUB_APP_ID, TencentVodEmulator } from './vod-emulator';
import { DEFAULT_MEDIA_BYTES, VodMedia } from './vod-media';

const KEY = { id: 'test-secret-id-media-spec', secret: 'media-spec-secret-key-0000000000' };
const SUB_APP_ID = EMULATED_SUB_APP_ID;
const FILTERS = ['basicInfo', 'metaData'];

/** DescribeMediaInfos, DeleteMedia and the media control, through the real SDK and the emulator's HTTP server. */
describe(VodMedia.name, () => {
  let storage: EmulatedStorage;
  let server: EmulatorServer;
  let sdk: ReturnType<typeof vodSdkClient>;
  let url: string;

  beforeEach(async () => {
    storage = new EmulatedStorage({ enabled: true });
    const emulator = new TencentVodEmulator({ keys: [KEY], storage });
    server = new EmulatorServer([emulator], emulator.controls());
    url = await server.listen();
    sdk = vodSdkClient(url, { secretId: KEY.id, secretKey: KEY.secret });
  });
  afterEach(async () => {
    sdk.close();
    await server.close();
  });

  /** ApplyUpload, the media's bytes put where COS would keep them, CommitUpload: the FileId and the object. */
  async function upload(bytes = 5, params: Record<string, unknown> = {}) {
    const applied = await sdk.client.ApplyUpload({ MediaType: 'MP3', MediaName: 'song', SubAppId: SUB_APP_ID, ...params });
    const key = applied.MediaStoragePath!.slice(1);
    storage.cos.put(applied.StorageBucket!, key, Buffer.alloc(bytes), 'audio/mpeg');
    const committed = await sdk.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: SUB_APP_ID });
    return { fileId: committed.FileId!, mediaUrl: committed.MediaUrl!, bucket: applied.StorageBucket!, key };
  }

  const describeOne = async (fileId: string, filters: string[] | undefined = FILTERS, subAppId = SUB_APP_ID) =>
    sdk.client.DescribeMediaInfos({ FileIds: [fileId], Filters: filters, SubAppId: subAppId });

  const control = (body: unknown) =>
    fetch(`${url}/__emulator/tencent-vod/media`, { method: 'PUT', body: JSON.stringify(body) }).then((response) => response.status);

  it('reports a committed file in the documented shape, as large as its stored object', async () => {
    const { fileId, mediaUrl } = await upload(5, { SourceContext: 'uploadId=u' });
    const answer = await describeOne(fileId);
    expect(answer).toEqual({
      MediaInfoSet: [
        expect.objectContaining({
          FileId: fileId,
          BasicInfo: expect.objectContaining({
            Name: 'song',
            Type: 'mp3',
            MediaUrl: mediaUrl,
            Category: 'Audio',
            SourceInfo: { SourceType: 'Upload', SourceContext: 'uploadId=u' },
            CreateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
          }),
          MetaData: expect.objectContaining({ Size: 5, Container: 'mp3', Duration: 0 }),
          TranscodeInfo: null,
          ReviewInfo: null,
        }),
      ],
      NotExistFileIdSet: [],
      RequestId: expect.any(String),
    });
  });

  it('answers only the parts asked for, every part without Filters, and lists unknown ids', async () => {
    const { fileId } = await upload();
    const basic = await describeOne(fileId, ['basicInfo']);
    expect(basic.MediaInfoSet![0]).toMatchObject({ BasicInfo: { Type: 'mp3' }, MetaData: null });
    const all = await sdk.client.DescribeMediaInfos({ FileIds: [fileId, '404'], SubAppId: SUB_APP_ID });
    expect(all.MediaInfoSet![0]).toMatchObject({ BasicInfo: { Type: 'mp3' }, MetaData: { Size: 5 } });
    expect(all.NotExistFileIdSet).toEqual(['404']);
  });

  it('gives the default size when the stand-in does not hold the bytes', async () => {
    const elsewhere = new EmulatedStorage();
    const emulator = new TencentVodEmulator({ keys: [KEY], storage: elsewhere });
    const other = new EmulatorServer([emulator]);
    const client = vodSdkClient(await other.listen(), { secretId: KEY.id, secretKey: KEY.secret });
    try {
      const applied = await client.client.ApplyUpload({ MediaType: 'mp4', SubAppId: SUB_APP_ID });
      const { FileId } = await client.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: SUB_APP_ID });
      const answer = await client.client.DescribeMediaInfos({ FileIds: [FileId!], Filters: FILTERS, SubAppId: SUB_APP_ID });
      expect(answer.MediaInfoSet![0].MetaData).toMatchObject({ Size: DEFAULT_MEDIA_BYTES });
    } finally {
      client.close();
      await other.close();
    }
  });

  it('deletes the file and its object once; then the file is unknown', async () => {
    const { fileId, bucket, key } = await upload();
    expect(await errorCode(sdk.client.DeleteMedia({ FileId: fileId, SubAppId: 1500000999 }))).toBe('InvalidParameterValue.SubAppId');
    expect(await sdk.client.DeleteMedia({ FileId: fileId, SubAppId: SUB_APP_ID })).toEqual({ RequestId: expect.any(String) });
    expect(storage.cos.get(bucket, key)).toBeUndefined();
    expect(await describeOne(fileId)).toMatchObject({ MediaInfoSet: [], NotExistFileIdSet: [fileId] });
    expect(await errorCode(sdk.client.DeleteMedia({ FileId: fileId, SubAppId: SUB_APP_ID }))).toBe('ResourceNotFound');
  });

  it('keeps the file when DeleteParts names only derived files', async () => {
    const { fileId } = await upload();
    await sdk.client.DeleteMedia({ FileId: fileId, SubAppId: SUB_APP_ID, DeleteParts: [{ Type: 'TranscodeFiles' }] });
    expect((await describeOne(fileId)).MediaInfoSet).toHaveLength(1);
  });

  it('reports what the control sets: uploading, stored with figures, absent', async () => {
    const { fileId } = await upload();
    expect(await control({ fileId, state: 'uploading' })).toBe(204);
    expect((await describeOne(fileId)).MediaInfoSet![0]).toMatchObject({ BasicInfo: { Type: 'mp3' }, MetaData: null });
    expect(await control({ fileId, state: 'stored', size: 123_456, duration: 61.5, type: 'MP4' })).toBe(204);
    expect((await describeOne(fileId)).MediaInfoSet![0]).toMatchObject({
      BasicInfo: { Type: 'mp4' },
      MetaData: { Size: 123_456, Duration: 61.5, Container: 'mp4' },
    });
    expect(await control({ fileId, state: 'absent' })).toBe(204);
    expect(await describeOne(fileId)).toMatchObject({ MediaInfoSet: [], NotExistFileIdSet: [fileId] });
  });

  it('reports a file the control names without an upload, in the first application', async () => {
    expect(await control({ fileId: '5285890784273533167', state: 'stored', size: 9 })).toBe(204);
    expect((await describeOne('5285890784273533167')).MediaInfoSet![0]).toMatchObject({
      BasicInfo: { Type: 'mp4' },
      MetaData: { Size: 9 },
    });
    expect(await sdk.client.DeleteMedia({ FileId: '5285890784273533167', SubAppId: SUB_APP_ID })).toBeDefined();
  });

  it.each([
    ['no fileId', { state: 'stored' }],
    ['an unknown state', { fileId: '1', state: 'gone' }],
    ['a negative size', { fileId: '1', state: 'stored', size: -1 }],
    ['a fractional size', { fileId: '1', state: 'stored', size: 1.5 }],
    ['a duration in text', { fileId: '1', state: 'stored', duration: '60' }],
    ['an empty type', { fileId: '1', state: 'stored', type: '' }],
  ])('refuses a control body with %s', async (_case, body) => {
    expect(await control(body)).toBe(400);
  });

  it.each([
    ['no FileIds', { SubAppId: SUB_APP_ID }, 'MissingParameter'],
    ['no file id', { FileIds: [], SubAppId: SUB_APP_ID }, 'InvalidParameterValue.FileIdsEmpty'],
    [
      '21 file ids',
      { FileIds: Array.from({ length: 21 }, (_, i) => String(i)), SubAppId: SUB_APP_ID },
      'InvalidParameterValue.FileIdsOverLimit',
    ],
    ['a numeric file id', { FileIds: [1], SubAppId: SUB_APP_ID }, 'InvalidParameterValue.FileIds'],
    ['an unknown filter', { FileIds: ['1'], Filters: ['everything'], SubAppId: SUB_APP_ID }, 'InvalidParameterValue'],
    ['another application', { FileIds: ['1'], SubAppId: 42 }, 'InvalidParameterValue.SubAppId'],
    ['an unknown parameter', { FileIds: ['1'], Limit: 1, SubAppId: SUB_APP_ID }, 'UnknownParameter'],
  ])('refuses DescribeMediaInfos with %s', async (_case, params, code) => {
    expect(await errorCode(sdk.client.request('DescribeMediaInfos', params))).toBe(code);
  });

  it.each([
    ['no FileId', { SubAppId: SUB_APP_ID }, 'MissingParameter'],
    ['DeleteParts that are not a list', { FileId: '1', DeleteParts: 'all', SubAppId: SUB_APP_ID }, 'InvalidParameter'],
    ['an unknown parameter', { FileId: '1', Force: true, SubAppId: SUB_APP_ID }, 'UnknownParameter'],
  ])('refuses DeleteMedia with %s', async (_case, params, code) => {
    expect(await errorCode(sdk.client.request('DeleteMedia', params))).toBe(code);
  });

  it('checks the signature of both operations', async () => {
    const stranger = vodSdkClient(url, { secretId: KEY.id, secretKey: 'another-secret-key' });
    try {
      expect(await errorCode(stranger.client.DescribeMediaInfos({ FileIds: ['1'], SubAppId: SUB_APP_ID }))).toBe(
        'AuthFailure.SignatureFailure',
      );
      expect(await errorCode(stranger.client.DeleteMedia({ FileId: '1', SubAppId: SUB_APP_ID }))).toBe('AuthFailure.SignatureFailure');
    } finally {
      stranger.close();
    }
  });

  it('takes faults aimed at either operation by name', async () => {
    const { fileId } = await upload();
    server.faults.inject({ kind: 'server-error', provider: 'tencent-vod', operation: 'DescribeMediaInfos', times: 1 });
    server.faults.inject({ kind: 'throttle', provider: 'tencent-vod', operation: 'DeleteMedia', times: 1 });
    expect(await errorCode(describeOne(fileId))).toBe('InternalError');
    expect(await errorCode(sdk.client.DeleteMedia({ FileId: fileId, SubAppId: SUB_APP_ID }))).toBe('RequestLimitExceeded');
    expect((await describeOne(fileId)).MediaInfoSet).toHaveLength(1);
    expect(server.calls('tencent-vod', 'DescribeMediaInfos')).toBe(2);
    expect(server.calls('tencent-vod', 'DeleteMedia')).toBe(1);
  });
});
