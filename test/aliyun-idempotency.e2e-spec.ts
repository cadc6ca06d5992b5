import Redis from 'ioredis';
import { decodeBase64Json, post } from './support/aliyun-test-env';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';
import { until } from './support/until';

const VIDEO = { title: 'Idempotent upload', fileName: 'clip.mp4' };

/** Idempotency-Key on a real provider route: our replay, and VOD's own ReferenceId deduplication behind it. */
describe('Alibaba VOD video creates with an Idempotency-Key', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let redis: Redis;
  const create = (key: string, user = 'alice', body: object = VIDEO) =>
    post(`${sut.url}/v1/uploads/aliyun-vod/videos`, body, { ...sut.bearer(user), 'idempotency-key': key });
  const creates = () => cloud.emulator.server.calls('aliyun-vod', 'CreateUploadVideo');
  const idempotencyKeys = () => redis.keys(`${sut.config.store.keyPrefix}idem:*`);

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ redis: true, env: cloud.env });
    redis = new Redis(process.env.TEST_REDIS_URL!);
  });
  afterAll(async () => {
    redis.disconnect();
    await sut.close();
    await cloud.close();
  });

  it('replays the same video and credential without a second CreateUploadVideo', async () => {
    const first = await create('video-key-1');
    const before = creates();
    const replay = await create('video-key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(creates()).toBe(before);
  });

  it('keeps the replayable credential only sealed in Redis', async () => {
    const { body } = await create('video-key-2');
    const secret = String(decodeBase64Json(body.uploadAuth).AccessKeySecret);
    const values = await Promise.all((await idempotencyKeys()).map((key) => redis.get(key)));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      expect(value).toMatch(/^v1\./);
      expect(value).not.toContain(body.uploadAuth);
      expect(value).not.toContain(secret);
      expect(value).not.toContain(body.videoId);
    }
  });

  it('lets VOD deduplicate by ReferenceId when our record is gone: same video, fresh credential', async () => {
    const first = await create('video-key-3');
    await redis.del(...(await idempotencyKeys()));
    const before = creates();
    const again = await create('video-key-3');
    expect(creates()).toBe(before + 1);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.videoId).toBe(first.body.videoId);
    expect(again.body.uploadAuth).not.toBe(first.body.uploadAuth);
  });

  it('gives another user with the same key a video of their own', async () => {
    const alice = await create('shared-video-key', 'alice');
    const bob = await create('shared-video-key', 'bob');
    expect(bob.headers.get('idempotent-replayed')).toBeNull();
    expect(bob.body.videoId).not.toBe(alice.body.videoId);
  });

  it('refuses the key with another body (422) and answers 409 while the first is in flight', async () => {
    await create('video-key-4');
    const other = await create('video-key-4', 'alice', { ...VIDEO, title: 'Another title' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    cloud.emulator.server.faults.inject({
      kind: 'latency',
      provider: 'aliyun-vod',
      operation: 'CreateUploadVideo',
      delayMs: 300,
      times: 1,
    });
    const claims = (await idempotencyKeys()).length;
    const slow = create('video-key-5');
    // Its key is claimed (with its record, before the slow CreateUploadVideo).
    await until(async () => (await idempotencyKeys()).length > claims, 5_000, 'the first request to claim its key');
    const duplicate = await create('video-key-5');
    expect(duplicate.status).toBe(409);
    expect((await slow).status).toBe(201);
  });

  it('frees the key when the upstream call fails, so the retry reaches VOD', async () => {
    cloud.emulator.server.faults.inject({ kind: 'server-error', provider: 'aliyun-vod', operation: 'CreateUploadVideo', times: 1 });
    expect((await create('video-key-6')).status).toBe(503);
    const retry = await create('video-key-6');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });
});
