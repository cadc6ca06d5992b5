import { fakeClient, testUploadRecords } from '@app/testing';
import type { AliyunClient, CreateUploadImageResponseBody } from '../../client';
import { aliyunConfig } from '../../testing/aliyun-config';
import { ImagesService } from './images.service';
import { VOD_IMAGE } from './vod-image.kind';

const ANSWER: CreateUploadImageResponseBody = {
  requestId: 'REQ-1',
  imageId: 'img-1',
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
  const adapter = { createUploadImage: jest.fn().mockResolvedValue(ANSWER) };
  const { uploads } = testUploadRecords();
  return { sut: new ImagesService(fakeClient(adapter) as unknown as AliyunClient, uploads, config), uploads };
}

describe(ImagesService.name, () => {
  it('records the declared format: ImageExt, or png, the extension VOD names the object with when none is sent', async () => {
    const { sut, uploads } = setup();
    const jpg = await sut.create(VOD_IMAGE.spec, alice, { imageType: 'cover', imageExt: 'jpg' });
    expect((await uploads.findOwned(alice, jpg.uploadId)).declared).toEqual({ format: 'jpg' });
    const unsaid = await sut.create(VOD_IMAGE.spec, alice, { imageType: 'default' });
    expect((await uploads.findOwned(alice, unsaid.uploadId)).declared).toEqual({ format: 'png' });
  });
});
