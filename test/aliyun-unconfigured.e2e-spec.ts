import { post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud } from './support/test-cloud';

const ROUTES: [string, unknown][] = [
  ['/v1/uploads/aliyun-vod/videos', { title: 'UploadTest', fileName: 'clip.mp4' }],
  ['/v1/uploads/aliyun-vod/videos', { title: '' }],
  ['/v1/uploads/aliyun-vod/videos/0123456789abcdef0123456789abcdef/refresh', undefined],
  ['/v1/uploads/aliyun-vod/images', { imageType: 'default' }],
  ['/v1/uploads/aliyun-vod/attached-media', { businessType: 'subtitle', mediaExt: 'vtt' }],
  [
    '/v1/uploads/aliyun-ims/media',
    { fileInfo: { type: 'video', name: 'a', ext: 'mp4' }, mediaMetaData: { title: 't', businessType: 'general' } },
  ],
  ['/v1/uploads/aliyun-ims/media/0123456789abcdef0123456789abcdef/refresh', undefined],
];

describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production' }],
])('A deployment without Alibaba Cloud (%s)', (_mode, env) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ redis: true, env });
  });
  afterAll(() => sut.close());

  it('boots, and answers every Alibaba route with 501 PROVIDER_NOT_CONFIGURED', async () => {
    for (const [path, body] of ROUTES) {
      const response = await post(`${sut.url}${path}`, body, sut.bearer('alice'));
      expect([path, response.status, response.body.code]).toEqual([path, 501, 'PROVIDER_NOT_CONFIGURED']);
    }
  });

  it('still asks anonymous callers to authenticate first (401), as every provider does', async () => {
    for (const [path, body] of ROUTES) expect([path, (await post(`${sut.url}${path}`, body)).status]).toEqual([path, 401]);
  });
});

describe('A deployment with only VOD', () => {
  it('offers VOD and answers IMS with 501', async () => {
    const cloud = await startTestCloud();
    const vodOnly = Object.fromEntries(Object.entries(cloud.env).filter(([name]) => !name.startsWith('ALIBABA_CLOUD_IMS_')));
    const sut = await startTestApp({ redis: true, env: vodOnly });
    try {
      expect((await post(`${sut.url}${ROUTES[0][0]}`, ROUTES[0][1], sut.bearer('alice'))).status).toBe(201);
      expect((await post(`${sut.url}${ROUTES[5][0]}`, ROUTES[5][1], sut.bearer('alice'))).status).toBe(501);
    } finally {
      await sut.close();
      await cloud.close();
    }
  });
});
