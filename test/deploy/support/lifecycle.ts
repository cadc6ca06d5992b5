import { signAliyunCallback } from '@app/emulator';
import { post } from '../../support/aliyun-test-env';
import type { EventfulCloud } from '../../support/eventful-cloud';
import type { TestApp } from '../../support/test-app';
import { until } from '../../support/until';
import type { WebhookReceiver } from '../../support/webhook-receiver';

const typeOf = (body: string) => (JSON.parse(body) as { type: string }).type;

/** The app backend of `provokeLifecycle`: it takes every event but refuses upload.revoked (500), which so ends as a dead letter. */
export const refuseRevocations = (receiver: WebhookReceiver): void => {
  receiver.behaviour = (delivery) => (typeOf(delivery.body) === 'upload.revoked' ? 500 : 204);
};

/**
 * What the lifecycle panels and alerts single out, made to happen for real: an upload completed by the
 * provider's callback (applied), a forged callback (refused), a verified one that names another video
 * (mismatch), webhooks delivered, and a revocation the backend refuses until it is a dead letter. The
 * service needs the eventful cloud's settings, WEBHOOK_URL at `receiver` (see `refuseRevocations`) and
 * a one-retry WEBHOOK_RETRY_SCHEDULE.
 */
export async function provokeLifecycle(sut: TestApp, cloud: EventfulCloud, receiver: WebhookReceiver): Promise<void> {
  const create = async () => {
    const response = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Metrics', fileName: 'clip.mp4' }, sut.bearer('ops'));
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${response.text}`);
    return response.body as { uploadId: string; videoId: string };
  };
  const callbackUrl = `${cloud.serviceUrl}/v1/events/aliyun-vod`;
  const vodCallback = async (body: unknown, key: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'x-vod-timestamp': String(timestamp), 'x-vod-signature': signAliyunCallback(callbackUrl, timestamp, key) };
    return (await post(callbackUrl, body, headers)).status;
  };

  const completed = await create();
  await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', completed.videoId);
  const other = await create();
  const foreign = {
    EventType: 'FileUploadComplete',
    VideoId: 'another-video',
    Status: 'success',
    Extend: `{"uploadId":"${other.uploadId}"}`,
  };
  const statuses = [await vodCallback(foreign, cloud.secrets.vodAuthKey), await vodCallback(foreign, 'NotTheAuthKey1')];
  if (statuses.join() !== '200,401') throw new Error(`callbacks answered ${statuses.join()}, expected 200 (mismatch) and 401 (refused)`);
  const revoked = await fetch(`${sut.url}/v1/uploads/${other.uploadId}`, { method: 'DELETE', headers: sut.bearer('ops') });
  if (revoked.status !== 204) throw new Error(`DELETE answered ${revoked.status}`);

  const deliveriesOf = (type: string) => receiver.deliveries.filter((delivery) => typeOf(delivery.body) === type).length;
  await receiver.until(
    () => deliveriesOf('upload.created') === 2 && deliveriesOf('upload.completed') === 1 && deliveriesOf('upload.revoked') === 2,
  );
  await until(
    async () => /^upload_bff_webhook_dead_letters 1$/m.test(await (await fetch(`${sut.url}/metrics`)).text()),
    5_000,
    'the refused revocation to become a dead letter',
  );
}
