import { ALIYUN_TEST_IDS, decodeBase64Json, fieldsOf, post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

describe('Alibaba Cloud VOD images and attached media (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  const images = () => `${sut.url}/v1/uploads/aliyun-vod/images`;
  const attached = () => `${sut.url}/v1/uploads/aliyun-vod/attached-media`;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: cloud.env });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('issues an image credential with imageUrl, fileUrl and the decoded field sets', async () => {
    const response = await post(
      images(),
      { imageType: 'cover', imageExt: 'jpg', title: '封面', tags: ['Test'], cateId: ALIYUN_TEST_IDS.cateIds[1] },
      sut.bearer('alice'),
    );
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      uploadId: expect.stringMatching(/^upl_/),
      imageId: expect.any(String),
      imageUrl: expect.stringMatching(/\.jpg$/),
      fileUrl: expect.stringMatching(/^https:\/\//),
      uploadAddress: expect.any(String),
      uploadAuth: expect.any(String),
      expiresAt: expect.any(String),
      requestId: expect.any(String),
    });
    expect(decodeBase64Json(response.body.uploadAddress)).toMatchObject({ Bucket: ALIYUN_TEST_IDS.storageLocation.split('.')[0] });
    expect(decodeBase64Json(response.body.uploadAuth)).toHaveProperty('SecurityToken');
  });

  it('issues an attached-media credential with mediaUrl and fileUrl', async () => {
    const response = await post(
      attached(),
      { businessType: 'watermark', mediaExt: 'png', fileName: 'D:\\test.png', fileSize: 123, cateIds: ALIYUN_TEST_IDS.cateIds.slice(0, 5) },
      sut.bearer('alice'),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      mediaId: expect.any(String),
      mediaUrl: expect.stringMatching(/\.png$/),
      fileUrl: expect.any(String),
    });
  });

  it.each([
    ['an image title of 43 CJK characters (129 bytes)', () => images(), { imageType: 'default', title: '题'.repeat(43) }, 'title'],
    ['an image tag of 33 bytes', () => images(), { imageType: 'default', tags: ['标'.repeat(11)] }, 'tags'],
    ['an unknown image type', () => images(), { imageType: 'banner' }, 'imageType'],
    ['a subtitle extension for a watermark', () => attached(), { businessType: 'watermark', mediaExt: 'srt' }, 'mediaExt'],
    ['six category ids', () => attached(), { businessType: 'material', mediaExt: 'zip', cateIds: [1, 2, 3, 4, 5, 6] }, 'cateIds'],
    [
      'a category outside the allowlist',
      () => attached(),
      { businessType: 'material', mediaExt: 'zip', cateIds: [ALIYUN_TEST_IDS.cateIds[0], 99] },
      'cateIds',
    ],
    [
      'a file over the configured maximum',
      () => attached(),
      { businessType: 'material', mediaExt: 'zip', fileSize: 2 * 1024 ** 3 },
      'fileSize',
    ],
  ])('answers %s with 400 naming the field', async (_case, url, body, field) => {
    const response = await post(url(), body, sut.bearer('alice'));
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toContain(field);
  });

  it('has no refresh route for images and attached media (their credentials are not refreshable)', async () => {
    expect((await post(`${images()}/abc/refresh`, undefined, sut.bearer('alice'))).status).toBe(404);
  });
});
