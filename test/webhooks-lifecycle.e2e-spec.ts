import { Webhook } from 'standardwebhooks';
import { post } from './support/aliyun-test-env';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { deliveriesOf } from './support/webhook-helpers';
import { newWebhookSecret, WebhookReceiver } from './support/webhook-receiver';

const SECRET = newWebhookSecret();

interface Delivered {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** The upload lifecycle, driven through the real routes and the emulator's events, reaches the app's backend as webhooks. */
describe('Webhooks from the upload lifecycle (real app, Redis, emulator events, a real receiver)', () => {
  let cloud: EventfulCloud;
  let receiver: WebhookReceiver;
  let sut: TestApp;

  beforeAll(async () => {
    cloud = await startEventfulCloud();
    receiver = await WebhookReceiver.start();
    sut = await startTestApp({
      redis: true,
      port: cloud.port,
      env: { ...cloud.env, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_SCHEDULE: '100ms,200ms' },
    });
  });
  afterAll(async () => {
    await sut.close();
    await receiver.down();
    await cloud.close();
  });

  /** Verified with standardwebhooks as a receiver would, in arrival order. */
  const eventsOf = (uploadId: string): Delivered[] =>
    deliveriesOf(receiver.deliveries, uploadId).map((delivery) => {
      const verified = new Webhook(SECRET).verify(delivery.body, {
        'webhook-id': delivery.id,
        'webhook-timestamp': delivery.timestamp,
        'webhook-signature': delivery.signature,
      }) as { type: string; data: Record<string, unknown> };
      return { id: delivery.id, type: verified.type, data: verified.data };
    });
  const typesOf = (uploadId: string) => eventsOf(uploadId).map((event) => event.type);
  const waitFor = (uploadId: string, types: string[]) =>
    receiver.until(() => types.every((type) => typesOf(uploadId).includes(type)), 10_000, `${types.join(', ')} of ${uploadId}`);

  it('announces a created video, then its completion with the provider ids, size and URL', async () => {
    const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Hooked', fileName: 'clip.mp4' }, sut.bearer('alice'));
    expect(created.status).toBe(201);
    const { uploadId, videoId } = created.body;
    await waitFor(uploadId, ['upload.created']);
    expect(eventsOf(uploadId)[0].data).toMatchObject({ uploadId, userId: 'alice', kind: 'aliyun-vod-video', status: 'issued', videoId });

    await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', videoId, { size: 2048 });
    await waitFor(uploadId, ['upload.completed']);
    const completed = eventsOf(uploadId).find((event) => event.type === 'upload.completed')!;
    expect(completed.data).toMatchObject({ uploadId, userId: 'alice', status: 'uploaded', videoId, size: 2048 });
    expect(completed.data.fileUrl).toMatch(/^https:\/\//);
    // The body is the record as documented: no credential of the create answer.
    expect(JSON.stringify(eventsOf(uploadId))).not.toMatch(/uploadAuth|uploadAddress|SecurityToken/);
  });

  it('announces a failure the provider reports', async () => {
    const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Broken', fileName: 'clip.mp4' }, sut.bearer('bob'));
    await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', created.body.videoId, { success: false });
    await waitFor(created.body.uploadId, ['upload.created', 'upload.failed']);
  });

  it('announces a Tencent commit as completed, and a revoke as revoked', async () => {
    const vod = tencentVodApi(sut);
    const applied = await vod.apply('carol');
    expect(applied.status).toBe(201);
    const { uploadId } = (await applied.json()) as { uploadId: string };
    expect((await vod.commit('carol', uploadId)).status).toBe(200);
    await waitFor(uploadId, ['upload.created', 'upload.completed']);

    const revoked = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Unwanted', fileName: 'clip.mp4' }, sut.bearer('carol'));
    const response = await fetch(`${sut.url}/v1/uploads/${revoked.body.uploadId}`, { method: 'DELETE', headers: sut.bearer('carol') });
    expect(response.status).toBe(204);
    await waitFor(revoked.body.uploadId, ['upload.created', 'upload.revoked']);
  });

  it('gives a repeated provider event the same webhook-id, so the receiver can drop the repeat', async () => {
    const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Twice', fileName: 'clip.mp4' }, sut.bearer('dave'));
    const { uploadId, videoId } = created.body;
    await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', videoId, { size: 10 });
    await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', videoId, { size: 10 });
    await waitFor(uploadId, ['upload.completed']);
    const ids = new Set(
      eventsOf(uploadId)
        .filter((event) => event.type === 'upload.completed')
        .map((event) => event.id),
    );
    expect(ids.size).toBe(1);
  });
});
