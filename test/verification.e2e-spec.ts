import { captureCli } from '@app/testing';
import { signAliyunCallback } from '@app/emulator';
import { post } from './support/aliyun-test-env';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { type Certificate, cosFor, uploadWithSignature } from './support/tencent-ugc-upload';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, TEST_CACHE_KEY, type TestApp } from './support/test-app';
import { runVerificationsCli } from '../apps/upload-api/src/cli/verifications-cli';
import { until } from './support/until';
import { queueInRedis } from './support/webhook-helpers';
import { newWebhookSecret, WebhookReceiver } from './support/webhook-receiver';
import { MediaVerifiers, UploadRecords } from '@app/uploads';
import { randomBytes } from 'node:crypto';

const SECRET = newWebhookSecret();
/** One prefix for both lives of the app (the restart test): the records and the queue survive it. */
const PREFIX = `verify${randomBytes(4).toString('hex')}:`;

/**
 * Verified uploads (UPLOAD_VERIFICATION=delete): every completion is confirmed with the
 * provider's API at the emulator, what breaks the kind's policy is rejected and deleted there, and a
 * lookup the provider cannot answer is retried from the Redis queue, across a restart.
 */
describe('Verified uploads (real app, Redis, emulator)', () => {
  let cloud: EventfulCloud;
  let receiver: WebhookReceiver;
  let sut: TestApp;

  const start = () =>
    startTestApp({
      redis: true,
      port: cloud.port,
      env: {
        ...cloud.env,
        UPLOAD_VERIFICATION: 'delete',
        ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: '10000',
        TENCENTCLOUD_VOD_MAX_FILE_SIZE: '10000',
        UPLOAD_VERIFICATION_RETRY_SCHEDULE: '200ms,200ms,300ms,500ms,1s,1s,1s,1s',
        REDIS_KEY_PREFIX: PREFIX,
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_RETRY_SCHEDULE: '100ms',
      },
    });

  beforeAll(async () => {
    cloud = await startEventfulCloud({ storage: true });
    receiver = await WebhookReceiver.start();
    sut = await start();
  });
  afterAll(async () => {
    await sut?.close();
    await receiver.down();
    await cloud.close();
  });

  const create = async (path: string, body: unknown, user = 'alice') => {
    const response = await post(`${sut.url}/v1/uploads/${path}`, body, sut.bearer(user));
    expect(response.status).toBe(201);
    return response.body as Record<string, string>;
  };
  const record = async (uploadId: string) =>
    (await (await fetch(`${sut.url}/v1/uploads/${uploadId}`, { headers: sut.bearer('alice') })).json()) as Record<string, unknown>;
  const complete = (provider: 'aliyun-vod' | 'aliyun-ims', id: string, completion = {}) =>
    cloud.emulator.events.aliyunUploadCompleted(provider, id, completion);
  const vodCallback = (body: unknown) => {
    const url = `${cloud.serviceUrl}/v1/events/aliyun-vod`;
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-vod-timestamp': String(timestamp),
        'x-vod-signature': signAliyunCallback(url, timestamp, cloud.secrets.vodAuthKey),
      },
      body: JSON.stringify(body),
    });
  };
  const webhooksOf = (uploadId: string) =>
    receiver.deliveries
      .map((delivery) => JSON.parse(delivery.body) as { type: string; data: { uploadId: string } })
      .filter((payload) => payload.data.uploadId === uploadId)
      .map((payload) => payload.type);
  /** What the provider's API (at the emulator) says it stores for the upload now. */
  const atProvider = async (uploadId: string) => {
    const found = await sut.app.get(UploadRecords).find(uploadId);
    if (!found) throw new Error(`no record ${uploadId}`);
    return sut.app.get(MediaVerifiers).for(found.provider)?.lookup(found);
  };

  it("settles a video on the provider's figures: uploaded, upload.completed once", async () => {
    const video = await create('aliyun-vod/videos', { title: 'Clip', fileName: 'clip.mp4', fileSize: 4096 });
    expect((await complete('aliyun-vod', video.videoId, { size: 4096 }))?.statuses).toEqual([200]);
    expect(await record(video.uploadId)).toMatchObject({ status: 'uploaded', size: 4096, fileUrl: expect.stringMatching(/^https:\/\//) });
    await until(() => webhooksOf(video.uploadId).includes('upload.completed'), 20_000, 'upload.completed');
  });

  it('rejects an oversize image and deletes it at Alibaba; the owner sees why', async () => {
    const image = await create('aliyun-vod/images', { imageType: 'default', imageExt: 'png' });
    await complete('aliyun-vod', image.imageId, { size: 20_000 });
    expect(await record(image.uploadId)).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'too_large', limit: 10_000, measured: 20_000 },
    });
    expect(await atProvider(image.uploadId)).toEqual({ state: 'unknown' });
    await until(() => webhooksOf(image.uploadId).includes('upload.rejected'), 20_000, 'upload.rejected');
    const revoke = await fetch(`${sut.url}/v1/uploads/${image.uploadId}`, { method: 'DELETE', headers: sut.bearer('alice') });
    expect(revoke.status).toBe(409);
  });

  it('rejects an oversize Tencent upload at commit and deletes it at Tencent', async () => {
    const api = tencentVodApi(sut);
    const applied = await api.apply('alice', { mediaType: 'MP4' });
    expect(applied.status).toBe(201);
    const answer = (await applied.json()) as Record<string, string> & { tempCertificate: Certificate };
    const { uploadId } = answer;
    const into = { Bucket: answer.storageBucket, Region: answer.storageRegion, Key: answer.mediaStoragePath };
    await cosFor(cloud.emulator.url, answer.tempCertificate).putObject({ ...into, Body: randomBytes(20_000) });
    const commit = await api.commit('alice', uploadId);
    expect(commit.status).toBe(200);
    await until(async () => (await record(uploadId)).status === 'rejected', 20_000, 'the Tencent rejection');
    expect((await record(uploadId)).rejection).toMatchObject({ reason: 'too_large', limit: 10_000, measured: 20_000 });
    expect(await atProvider(uploadId)).toEqual({ state: 'unknown' });
  });

  it("deletes a second file uploaded under a settled signature session's signature; the record stays as it was", async () => {
    const api = tencentVodApi(sut);
    const first = await api.sign('alice');
    expect(first.status).toBe(201);
    const { uploadId, signature } = (await first.json()) as { uploadId: string; signature: string };
    // vod-js-sdk-v6 asks for a signature before each call; a client keeping some back can upload again later.
    const more = [];
    for (let i = 0; i < 3; i++) {
      const next = await api.sign('alice', { uploadId });
      expect(next.status).toBe(201);
      more.push(((await next.json()) as { signature: string }).signature);
    }
    const firstFile = await uploadWithSignature(cloud.emulator.url, { apply: signature, commit: more[0] }, 2000);
    await until(async () => (await record(uploadId)).status === 'uploaded', 20_000, 'the session upload settled');
    const settled = await record(uploadId);
    expect(settled).toMatchObject({ fileId: firstFile, size: 2000 });
    expect((await api.sign('alice', { uploadId })).status).toBe(409);

    const secondFile = await uploadWithSignature(cloud.emulator.url, { apply: more[1], commit: more[2] }, 3000);
    const stored = { ...(await sut.app.get(UploadRecords).find(uploadId))! };
    await until(
      async () =>
        (
          await sut.app
            .get(MediaVerifiers)
            .for('tencent-vod')!
            .lookup({ ...stored, fileId: secondFile })
        ).state === 'unknown',
      20_000,
      'the second file deleted at Tencent',
    );
    expect(await record(uploadId)).toEqual(settled);
    expect(await atProvider(uploadId)).toMatchObject({ state: 'stored', size: 2000, uploadId });
    expect(webhooksOf(uploadId).filter((type) => type === 'upload.completed')).toHaveLength(1);
  });

  it('a forged callback with a valid captured signature changes nothing the provider does not confirm', async () => {
    const video = await create('aliyun-vod/videos', { title: 'Pending', fileName: 'p.mp4' });
    const forged = await vodCallback({
      EventType: 'FileUploadComplete',
      VideoId: video.videoId,
      Status: 'success',
      Size: 1,
      FileUrl: 'https://evil.example/x.mp4',
      Extend: JSON.stringify({ uploadId: video.uploadId }),
    });
    expect(forged.status).toBe(200);
    expect(await record(video.uploadId)).toMatchObject({ status: 'issued' });
    expect(JSON.stringify(await record(video.uploadId))).not.toContain('evil.example');

    // An image event about the video's record is another kind's event: a mismatch, whatever the provider says.
    const image = await create('aliyun-vod/images', { imageType: 'default', imageExt: 'png' });
    await complete('aliyun-vod', image.imageId, { size: 10 });
    await vodCallback({
      EventType: 'FileUploadComplete',
      VideoId: image.imageId,
      Status: 'success',
      Extend: JSON.stringify({ uploadId: video.uploadId }),
    });
    expect(await record(video.uploadId)).toMatchObject({ status: 'issued' });
  });

  it('a refresh after completion gets 409', async () => {
    const video = await create('aliyun-vod/videos', { title: 'Done', fileName: 'd.mp4' });
    await complete('aliyun-vod', video.videoId, { size: 100 });
    expect(await record(video.uploadId)).toMatchObject({ status: 'uploaded' });
    const refresh = await post(`${sut.url}/v1/uploads/aliyun-vod/videos/${video.videoId}/refresh`, {}, sut.bearer('alice'));
    expect(refresh.status).toBe(409);
    expect(refresh.body).toMatchObject({ code: 'UPLOAD_COMPLETED' });
  });

  it('deletes an upload that arrives after a revoke', async () => {
    const video = await create('aliyun-vod/videos', { title: 'Late', fileName: 'l.mp4' });
    const revoke = await fetch(`${sut.url}/v1/uploads/${video.uploadId}`, { method: 'DELETE', headers: sut.bearer('alice') });
    expect(revoke.status).toBe(204);
    await complete('aliyun-vod', video.videoId, { size: 100 });
    await until(async () => (await atProvider(video.uploadId))?.state === 'unknown', 20_000, 'the late upload deleted at the provider');
    expect(await record(video.uploadId)).toMatchObject({ status: 'revoked' });
  });

  it('gives up at once on a lookup the provider refuses (a missing permission); a new completion runs it again', async () => {
    const metric = async (series: string) => {
      const line = (await (await fetch(`${sut.url}/metrics`)).text()).split('\n').find((each) => each.startsWith(series));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const deadLettered = () =>
      metric('upload_bff_verifications_total{provider="aliyun-vod",kind="aliyun-vod-video",outcome="dead_letter"}');
    const deadLetters = () => metric('upload_bff_verification_pending{measure="dead_letters"}');
    const lookups = () => cloud.emulator.server.calls('aliyun-vod', 'GetVideoInfo');
    const [counted, looked] = [await deadLettered(), lookups()];
    const video = await create('aliyun-vod/videos', { title: 'Denied', fileName: 'n.mp4', fileSize: 256 });
    cloud.emulator.server.faults.inject({ kind: 'denied', provider: 'aliyun-vod', operation: 'GetVideoInfo' });
    await complete('aliyun-vod', video.videoId, { size: 256 });
    await until(async () => (await deadLettered()) === counted + 1, 20_000, 'the dead letter');
    expect(await deadLetters()).toBe(1);
    // The inline try and one try of the job: 502 UPSTREAM_REJECTED is not retried on the schedule.
    expect(lookups() - looked).toBe(2);
    expect(await record(video.uploadId)).toMatchObject({ status: 'verifying' });

    // The permission granted, the provider's next callback meets a passing outage: queued again despite the dead letter.
    cloud.emulator.server.faults.clear();
    cloud.emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-vod', operation: 'GetVideoInfo', times: 1 });
    await complete('aliyun-vod', video.videoId, { size: 256 });
    await until(async () => (await record(video.uploadId)).status === 'uploaded', 20_000, 'the verification queued again');
    expect(await deadLetters()).toBe(0);
  });

  it('lists a verification dead letter and runs it again on an operator’s command (npm run verifications)', async () => {
    const env = { NODE_ENV: 'test', REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: PREFIX, CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY };
    const cli = (...argv: string[]) => captureCli((out) => runVerificationsCli(argv, env, out));
    const letterOf = async (uploadId: string) =>
      (JSON.parse((await cli('failed', '--json')).stdout) as { id: string; attempts: number }[]).find((letter) =>
        letter.id.startsWith(`verify-${uploadId}-`),
      );
    const video = await create('aliyun-vod/videos', { title: 'Operator', fileName: 'op.mp4', fileSize: 128 });
    cloud.emulator.server.faults.inject({ kind: 'denied', provider: 'aliyun-vod', operation: 'GetVideoInfo' });
    await complete('aliyun-vod', video.videoId, { size: 128 });
    await until(async () => (await letterOf(video.uploadId)) !== undefined, 20_000, 'the dead letter');
    const letter = (await letterOf(video.uploadId))!;
    expect((await cli('failed')).stdout).toContain(letter.id);
    expect(await record(video.uploadId)).toMatchObject({ status: 'verifying' });

    // The permission granted, the operator retries it: the running service looks the file up again and settles it.
    cloud.emulator.server.faults.clear();
    expect(await cli('retry', letter.id)).toEqual({ code: 0, stdout: `queued ${letter.id} for redelivery\n`, stderr: '' });
    await until(async () => (await record(video.uploadId)).status === 'uploaded', 20_000, 'the retried verification');
    expect(await letterOf(video.uploadId)).toBeUndefined();
    expect(await cli('retry', letter.id)).toMatchObject({
      code: 1,
      stderr: `no dead letter with id ${letter.id} (see: npm run verifications -- failed)\n`,
    });
  });

  it('retries a lookup during a provider outage until it succeeds, across a service restart', async () => {
    const video = await create('aliyun-vod/videos', { title: 'Outage', fileName: 'o.mp4', fileSize: 512 });
    cloud.emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-vod', operation: 'GetVideoInfo' });
    await complete('aliyun-vod', video.videoId, { size: 512 });
    await until(async () => (await record(video.uploadId)).status === 'verifying', 20_000, 'verifying');
    // The retry's body is sealed in Redis (CACHE_ENCRYPTION_KEY), as webhook bodies are.
    const job = JSON.parse(await queueInRedis(PREFIX, 'verifications')) as [string, Record<string, string>][];
    const [, data] = job.find(([key]) => key.includes(`:verify-${video.uploadId}-`))!;
    expect(JSON.parse(data.data)).toEqual({ sealed: expect.stringMatching(/^v1\./), queuedAt: expect.any(Number) });
    await sut.close();
    cloud.emulator.server.faults.clear();
    sut = await start();
    await until(async () => (await record(video.uploadId)).status === 'uploaded', 20_000, 'the retried verification after the restart');
    expect(await record(video.uploadId)).toMatchObject({ size: 512 });
    await until(() => webhooksOf(video.uploadId).includes('upload.completed'), 20_000, 'upload.completed after the retry');
  });
});
