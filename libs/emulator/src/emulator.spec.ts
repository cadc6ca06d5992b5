import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VOD_API_VERSION } from './aliyun/aliyun.facts';
import { openApiCaller } from './aliyun/testing/openapi-caller';
import { cosClientFor } from './cos/testing/cos-client';
import { type RunningEmulator, startEmulator } from './emulator';
import { decodeBase64Json, ossClientFor } from './oss/testing/ali-oss-client';
import { vodSdkClient } from './tencent/testing/vod-sdk-client';
import { EMULATED_SUB_APP_ID } from './tencent/vod-emulator';

const ALIYUN_KEY = { id: `ak-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
const TENCENT_KEY = { id: `sid-${randomBytes(4).toString('hex')}`, secret: randomBytes(24).toString('base64url') };

/** Waits for a condition the emulator reaches on its own (an event sent after the upload's answer). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The whole emulator: a finished upload in a storage stand-in becomes the provider's event. */
describe(startEmulator.name, () => {
  let emulator: RunningEmulator;
  let receiver: Server;
  let callbacks: Record<string, unknown>[];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        callbacks.push(JSON.parse(body) as Record<string, unknown>);
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    emulator = await startEmulator({ aliyunKeys: [ALIYUN_KEY], tencentKeys: [TENCENT_KEY], storage: true, tencentPullWaitMs: 0 });
  });
  beforeEach(() => {
    callbacks = [];
  });
  afterAll(async () => {
    await emulator.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('sends FileUploadComplete to the UserData callback URL once ali-oss has put the object', async () => {
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback`;
    const created = await openApiCaller(emulator.url, ALIYUN_KEY).call('CreateUploadVideo', VOD_API_VERSION, {
      Title: 'Clip',
      FileName: 'clip.mp4',
      UserData: JSON.stringify({ MessageCallback: { CallbackURL: callbackUrl }, Extend: { uploadId: 'upl_1' } }),
    });
    await ossClientFor(created.UploadAddress, created.UploadAuth).put(decodeBase64Json(created.UploadAddress).FileName, randomBytes(321));

    await until(() => callbacks.length > 0);
    expect(callbacks).toEqual([
      expect.objectContaining({ EventType: 'FileUploadComplete', VideoId: created.VideoId, Size: 321, Status: 'success' }),
    ]);
  });

  it('queues NewFileUpload once CommitUpload finds the media in COS', async () => {
    const vod = vodSdkClient(emulator.url, { secretId: TENCENT_KEY.id, secretKey: TENCENT_KEY.secret });
    try {
      const applied = await vod.client.ApplyUpload({ MediaType: 'mp4', SubAppId: EMULATED_SUB_APP_ID, SourceContext: 'uploadId=upl_2' });
      const cos = cosClientFor(emulator.url, applied.TempCertificate!);
      await cos.putObject({
        Bucket: applied.StorageBucket!,
        Region: applied.StorageRegion!,
        Key: applied.MediaStoragePath!,
        Body: randomBytes(77),
      });
      const committed = await vod.client.CommitUpload({ VodSessionKey: applied.VodSessionKey!, SubAppId: EMULATED_SUB_APP_ID });

      await until(() => emulator.events.tencentQueue.pending > 0);
      const [event] = (await vod.client.PullEvents({ SubAppId: EMULATED_SUB_APP_ID })).EventSet!;
      expect(event.FileUploadEvent).toMatchObject({
        FileId: committed.FileId,
        MediaBasicInfo: { MediaUrl: committed.MediaUrl, SourceInfo: { SourceContext: 'uploadId=upl_2' } },
        MetaData: { Size: 77 },
      });
    } finally {
      vod.close();
    }
  });
});
