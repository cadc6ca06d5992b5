import { ALIYUN_TEST_IDS, decodeBase64Json, fieldsOf, post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const MEDIA = {
  fileInfo: { type: 'video', name: 'test', ext: 'mp4', size: 108078336 },
  mediaMetaData: { title: 'UploadTest', description: 'UploadImageTest', tags: ['tag1', 'tag2'], businessType: 'opening' },
};

describe('Alibaba Cloud IMS media (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  const media = () => `${sut.url}/v1/uploads/aliyun-ims/media`;
  const refresh = (mediaId: string, user = 'alice') => post(`${media()}/${mediaId}/refresh`, undefined, sut.bearer(user));

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: cloud.env });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('creates media, then refreshes it twice with fresh credentials and the same address', async () => {
    const created = await post(media(), MEDIA, sut.bearer('alice'));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      uploadId: expect.stringMatching(/^upl_/),
      mediaId: expect.any(String),
      fileUrl: expect.stringContaining(ALIYUN_TEST_IDS.storageLocation.split('.')[0]),
      uploadAddress: expect.any(String),
      uploadAuth: expect.any(String),
      expiresAt: expect.any(String),
      requestId: expect.any(String),
    });
    const first = await refresh(created.body.mediaId);
    const second = await refresh(created.body.mediaId);
    for (const refreshed of [first, second]) {
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toMatchObject({
        uploadId: created.body.uploadId,
        mediaId: created.body.mediaId,
        uploadAddress: created.body.uploadAddress,
      });
      expect(Date.parse(refreshed.body.expiresAt)).toBeGreaterThan(Date.now());
      expect(Object.keys(decodeBase64Json(refreshed.body.uploadAuth))).toHaveLength(6);
    }
    expect(new Set([created.body.uploadAuth, first.body.uploadAuth, second.body.uploadAuth]).size).toBe(3);
  });

  it("answers another user's refresh exactly like an unknown id (404), without calling IMS", async () => {
    const created = await post(media(), MEDIA, sut.bearer('alice'));
    const before = cloud.emulator.server.calls('aliyun-ice', 'RefreshUploadMedia');
    const foreign = await refresh(created.body.mediaId, 'mallory');
    const unknown = await refresh('0123456789abcdef0123456789abcdef', 'mallory');
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect({ ...foreign.body, requestId: '' }).toEqual({ ...unknown.body, requestId: '' });
    expect(cloud.emulator.server.calls('aliyun-ice', 'RefreshUploadMedia')).toBe(before);
  });

  it.each([
    [
      'an image with a video business type',
      { fileInfo: { type: 'image', name: 'a', ext: 'png' }, mediaMetaData: { title: 't', businessType: 'opening' } },
      'mediaMetaData.businessType',
    ],
    ['an extension of another type', { ...MEDIA, fileInfo: { ...MEDIA.fileInfo, ext: 'png' } }, 'fileInfo.ext'],
    ['a JSON string instead of structured JSON', { ...MEDIA, fileInfo: JSON.stringify(MEDIA.fileInfo) }, 'fileInfo'],
    ['a title over 128 characters', { ...MEDIA, mediaMetaData: { ...MEDIA.mediaMetaData, title: 't'.repeat(129) } }, 'mediaMetaData.title'],
    [
      'a workflow for an image',
      {
        fileInfo: { type: 'image', name: 'a', ext: 'png' },
        mediaMetaData: { title: 't', businessType: 'cover' },
        workflowId: ALIYUN_TEST_IDS.imsWorkflowId,
      },
      'workflowId',
    ],
    ['a workflow outside the allowlist', { ...MEDIA, workflowId: 'ffffffffffffffffffffffffffffffff' }, 'workflowId'],
  ])('answers %s with 400 naming the dotted field', async (_case, body, field) => {
    const response = await post(media(), body, sut.bearer('alice'));
    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toContain(field);
  });

  it('accepts each file type with a business type of its own', async () => {
    const cases = [
      { type: 'image', ext: 'heic', businessType: 'cover' },
      { type: 'audio', ext: 'mp3', businessType: 'general' },
      { type: 'text', ext: 'vtt', businessType: 'subtitles' },
      { type: 'text', ext: 'ttf', businessType: 'font' },
      { type: 'other', ext: 'apng', businessType: 'watermark' },
    ];
    for (const { type, ext, businessType } of cases) {
      const response = await post(
        media(),
        { fileInfo: { type, name: 'file', ext }, mediaMetaData: { title: 't', businessType } },
        sut.bearer('alice'),
      );
      expect([type, response.status]).toEqual([type, 201]);
    }
  });
});
