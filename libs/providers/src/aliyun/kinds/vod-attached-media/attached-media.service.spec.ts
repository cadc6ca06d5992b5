import { fakeClient, testUploadRecords } from '@app/testing';
import type { AliyunClient, CreateUploadAttachedMediaRequest, CreateUploadAttachedMediaResponseBody } from '../../client';
import { aliyunConfig } from '../../testing/aliyun-config';
import { AttachedMediaService } from './attached-media.service';
import { VOD_ATTACHED_MEDIA } from './vod-attached-media.kind';

const ANSWER: CreateUploadAttachedMediaResponseBody = {
  requestId: 'REQ-1',
  mediaId: 'media-1',
  uploadAddress: 'ADDR',
  uploadAuth: Buffer.from('{}').toString('base64'),
};
const alice = { id: 'alice', permissions: [] };

function setup() {
  const config = aliyunConfig({
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
    ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
  });
  const adapter = { createUploadAttachedMedia: jest.fn().mockResolvedValue(ANSWER) };
  const { uploads } = testUploadRecords();
  return { sut: new AttachedMediaService(fakeClient(adapter) as unknown as AliyunClient, uploads, config), uploads, adapter };
}

describe(AttachedMediaService.name, () => {
  it('records the declared extension and size, and sends the size as the string the model takes', async () => {
    const { sut, uploads, adapter } = setup();
    const created = await sut.create(VOD_ATTACHED_MEDIA.spec, alice, { businessType: 'subtitle', mediaExt: 'vtt', fileSize: 123 });
    expect((await uploads.findOwned(alice, created.uploadId)).declared).toEqual({ size: 123, format: 'vtt' });
    expect((adapter.createUploadAttachedMedia.mock.calls[0][0] as CreateUploadAttachedMediaRequest).fileSize).toBe('123');
  });
});
