import { randomBytes } from 'node:crypto';
import OSS from 'ali-oss';
import { decodeBase64Json, post } from './support/aliyun-test-env';
import { type SandboxApp, startSandboxApp } from './support/sandbox-app';
import { until } from './support/until';

/** `REGIONS=cn,intl npm start`: the sandbox runs each region on its own emulator, and the demo's token picker offers the claim. */
describe('The sandbox with two regions (end to end)', () => {
  let sut: SandboxApp;

  beforeAll(async () => {
    sut = await startSandboxApp({ REGIONS: 'cn,intl' });
  });
  afterAll(() => sut?.close());

  const token = async (userName: string, region?: string) => {
    const answer = await post(`${sut.url}/demo/api/token`, { userName, ...(region ? { region } : {}) });
    expect(answer.status).toBe(201);
    return answer.body as { token: string; sandbox?: { oss: { endpoint: string } } };
  };
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

  it('offers the region profiles to the token picker', async () => {
    expect(await (await fetch(`${sut.url}/demo/api/regions`)).json()).toEqual({ regions: ['cn', 'intl'] });
  });

  it('uploads an intl user’s video into the second emulator, in Singapore storage, and completes it from there', async () => {
    const intl = await token('ines', 'intl');
    const cn = await token('carl');
    const defaultStandIns = (await (await fetch(`${sut.url}/v1/sandbox`)).json()) as { oss: { endpoint: string } };
    expect(cn.sandbox?.oss.endpoint).toBe(defaultStandIns.oss.endpoint);
    expect(intl.sandbox?.oss.endpoint).not.toBe(defaultStandIns.oss.endpoint);

    const video = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Intl', fileName: 'clip.mp4' }, bearer(intl.token));
    expect(video.status).toBe(201);
    const address = decodeBase64Json(video.body.uploadAddress) as Record<string, string>;
    const auth = decodeBase64Json(video.body.uploadAuth) as Record<string, string>;
    expect(address.Endpoint).toBe(intl.sandbox?.oss.endpoint);
    expect(auth.Region).toBe('ap-southeast-1');
    const oss = new OSS({
      endpoint: address.Endpoint,
      bucket: address.Bucket,
      region: `oss-${auth.Region}`,
      accessKeyId: auth.AccessKeyId,
      accessKeySecret: auth.AccessKeySecret,
      stsToken: auth.SecurityToken,
      refreshSTSToken: async () => ({ accessKeyId: auth.AccessKeyId, accessKeySecret: auth.AccessKeySecret, stsToken: auth.SecurityToken }),
      refreshSTSTokenInterval: 3_600_000,
    });
    expect((await oss.put(address.FileName, randomBytes(2048))).res.status).toBe(200);
    const record = async () =>
      (await (await fetch(`${sut.url}/v1/uploads/${video.body.uploadId}`, { headers: bearer(intl.token) })).json()) as { status: string };
    // The intl emulator's callback, signed with intl's AuthKey, completes it.
    await until(async () => (await record()).status === 'uploaded');
    expect(await record()).toMatchObject({ status: 'uploaded', region: 'intl', size: 2048 });
  });

  it('shows a token of no region its 403, and IMS off in intl', async () => {
    const mars = await token('mars', 'mars');
    expect((await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'x', fileName: 'a.mp4' }, bearer(mars.token))).status).toBe(403);
    const intl = await token('ines', 'intl');
    const media = { fileInfo: { type: 'video', name: 'clip', ext: 'mp4' }, mediaMetaData: { title: 'Ims', businessType: 'general' } };
    expect((await post(`${sut.url}/v1/uploads/aliyun-ims/media`, media, bearer(intl.token))).body.code).toBe('REGION_NOT_ALLOWED');
  });
});
