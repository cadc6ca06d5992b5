import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

/** Every upstream call leaves one info line with the provider's RequestId and our request id. */
describe('Upstream log lines', () => {
  let cloud: TestCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: cloud.env });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it.each([
    ['aliyun-vod', 'CreateUploadVideo', '/v1/uploads/aliyun-vod/videos', { title: 'Logged', fileName: 'clip.mp4' }],
    ['tencent-vod', 'ApplyUpload', '/v1/uploads/tencent-vod/media', { mediaType: 'mp4' }],
  ])('correlate %s %s with our request id at info level', async (provider, operation, path, body) => {
    const requestId = `corr-${provider}-0001`;
    const response = await fetch(`${sut.url}${path}`, {
      method: 'POST',
      headers: { ...sut.bearer('alice'), 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    const upstreamRequestId = ((await response.json()) as { requestId: string }).requestId;
    const line = sut.logs.entries().find((entry) => (entry.data as Record<string, unknown> | undefined)?.operation === operation);
    expect(line).toMatchObject({ level: 'info', data: { requestId, provider, operation, outcome: 'ok', upstreamRequestId } });
  });
});
