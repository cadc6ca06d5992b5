import type { AliyunClient, CreateUploadMediaRequest, CreateUploadMediaResponseBody } from '../../client';
import { ApiError } from '@app/common';
import { fakeClient, testUploadRecords } from '@app/testing';
import { aliyunConfig } from '../../testing/aliyun-config';
import { IMS_MEDIA } from './ims-media.kind';
import type { CreateUploadMediaDto } from './dto/create-upload-media.dto';
import { MediaService } from './media.service';

const MEDIA = IMS_MEDIA.spec;

const ANSWER: CreateUploadMediaResponseBody = {
  requestId: 'REQ-1',
  mediaId: 'media-1',
  uploadAddress: 'ADDR',
  uploadAuth: Buffer.from('{}').toString('base64'),
  fileURL: 'https://f',
};
const alice = { id: 'alice', permissions: [] };
const dto = (type: string, extra: Partial<CreateUploadMediaDto> = {}) =>
  ({
    fileInfo: { type, name: 'clip', ext: type === 'video' ? 'mp4' : 'png', size: 5 },
    mediaMetaData: { title: 'T', businessType: 'general', tags: ['a', 'b'], cateId: 7 },
    ...extra,
  }) as CreateUploadMediaDto;

function setup(env: Record<string, string> = {}) {
  const config = aliyunConfig({
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
    ALIBABA_CLOUD_IMS_REGION: 'cn-shenzhen',
    ALIBABA_CLOUD_IMS_APP_ID: 'app-3000000',
    ALIBABA_CLOUD_IMS_STORAGE_LOCATION: 'outin-abc.oss-cn-shenzhen.aliyuncs.com',
    ALIBABA_CLOUD_IMS_WORKFLOW_ID: 'default-flow',
    ALIBABA_CLOUD_IMS_WORKFLOW_IDS: 'chosen-flow',
    ALIBABA_CLOUD_IMS_CATE_IDS: '7',
    ALIBABA_CLOUD_IMS_MAX_FILE_SIZE: '100',
    ...env,
  });
  const adapter = { createUploadMedia: jest.fn().mockResolvedValue(ANSWER), refreshUploadMedia: jest.fn() };
  const { uploads } = testUploadRecords();
  const sut = new MediaService(fakeClient(adapter) as unknown as AliyunClient, uploads, config);
  return { sut, adapter, uploads };
}

const sent = (adapter: { createUploadMedia: jest.Mock }) => adapter.createUploadMedia.mock.calls[0][0] as CreateUploadMediaRequest;

describe(MediaService.name, () => {
  it('builds FileInfo and MediaMetaData in PascalCase, with the server-owned target, workflow and UserData', async () => {
    const { sut, adapter, uploads } = setup();
    const result = await sut.create(MEDIA, alice, dto('video', { entityId: 'ent-1' }));
    expect(sent(adapter)).toMatchObject({
      appId: 'app-3000000',
      entityId: 'ent-1',
      fileInfo: { Type: 'video', Name: 'clip', Size: 5, Ext: 'mp4' },
      mediaMetaData: { Title: 'T', Tags: 'a,b', CateId: 7, BusinessType: 'general' },
      uploadTargetConfig: { StorageType: 'oss', StorageLocation: 'outin-abc.oss-cn-shenzhen.aliyuncs.com' },
      postProcessConfig: { ProcessType: 'Workflow', ProcessID: 'default-flow' },
    });
    expect(JSON.parse(sent(adapter).userData!)).toEqual({ Extend: { userId: 'alice', uploadId: result.uploadId } });
    expect(result).toMatchObject({ mediaId: 'media-1', fileUrl: 'https://f', requestId: 'REQ-1' });
    expect((await uploads.findOwned(alice, result.uploadId)).declared).toEqual({ size: 5, format: 'mp4' });
    expect(result.mediaUrl).toBeUndefined();
    expect(await uploads.findOwned(alice, result.uploadId)).toMatchObject({
      provider: 'aliyun-ims',
      kind: 'aliyun-ims-media',
      mediaId: 'media-1',
    });
  });

  it('post-processes only video and audio', async () => {
    const { sut, adapter } = setup();
    await sut.create(MEDIA, alice, dto('image'));
    expect(sent(adapter).postProcessConfig).toBeUndefined();
    await expect(sut.create(MEDIA, alice, dto('image', { workflowId: 'chosen-flow' }))).rejects.toMatchObject({
      details: { errors: [{ field: 'workflowId' }] },
    });
  });

  it('uses an allowlisted workflow and refuses others, a foreign category and an oversized file', async () => {
    const { sut, adapter } = setup();
    await sut.create(MEDIA, alice, dto('video', { workflowId: 'chosen-flow' }));
    expect(sent(adapter).postProcessConfig).toEqual({ ProcessType: 'Workflow', ProcessID: 'chosen-flow' });
    const bad = dto('video', { workflowId: 'nope' });
    bad.mediaMetaData.cateId = 8;
    bad.fileInfo.size = 101;
    const error = (await sut.create(MEDIA, alice, bad).catch((e) => e)) as ApiError;
    expect(error.details.errors?.map((e) => e.field)).toEqual(['workflowId', 'mediaMetaData.cateId', 'fileInfo.size']);
  });

  it('omits UploadTargetConfig when no storage location is configured', async () => {
    const { sut, adapter } = setup({ ALIBABA_CLOUD_IMS_STORAGE_LOCATION: '' });
    await sut.create(MEDIA, alice, dto('audio'));
    expect(sent(adapter).uploadTargetConfig).toBeUndefined();
  });

  it('refreshes only for the owner', async () => {
    const { sut, adapter } = setup();
    const created = await sut.create(MEDIA, alice, dto('video'));
    adapter.refreshUploadMedia.mockResolvedValue({
      requestId: 'R',
      mediaId: 'media-1',
      uploadAddress: 'A',
      uploadAuth: Buffer.from('{}').toString('base64'),
    });
    expect(await sut.refresh(MEDIA, alice, 'media-1')).toMatchObject({ uploadId: created.uploadId, mediaId: 'media-1' });
    await expect(sut.refresh(MEDIA, { id: 'bob', permissions: [] }, 'media-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(adapter.refreshUploadMedia).toHaveBeenCalledTimes(1);
  });
});
