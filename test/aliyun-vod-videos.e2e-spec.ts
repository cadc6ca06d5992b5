import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';
import { decodeBase64Json, post } from './support/aliyun-test-env';

describe('Alibaba Cloud VOD videos (end to end)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  const videos = () => `${sut.url}/v1/uploads/aliyun-vod/videos`;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: { ...cloud.env, LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('smoke', async () => {
    const created = await post(videos(), { title: 'UploadTest', fileName: 'D:\\video_01.mp4' }, sut.bearer('alice'));
    console.log(created.status, created.body);
    const refreshed = await post(`${videos()}/${created.body.videoId}/refresh`, undefined, sut.bearer('alice'));
    console.log(refreshed.status, refreshed.body, decodeBase64Json(refreshed.body.uploadAuth));
  });
});
