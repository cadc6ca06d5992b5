import { type RedisCluster, type RedisServer, startRedisCluster, startRedisServer } from '@app/testing';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { post } from './support/aliyun-test-env';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, TEST_CACHE_KEY, type TestApp } from './support/test-app';
import { until } from './support/until';

const record = async (sut: TestApp, uploadId: string, user = 'alice') =>
  (await (await fetch(`${sut.url}/v1/uploads/${uploadId}`, { headers: sut.bearer(user) })).json()) as Record<string, unknown>;

describe('A provider event while Redis is down', () => {
  let redis: RedisServer;
  let cloud: EventfulCloud;
  let sut: TestApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    cloud = await startEventfulCloud();
    sut = await startTestApp({
      port: cloud.port,
      env: { ...cloud.env, REDIS_URL: redis.url, CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY, REDIS_COMMAND_TIMEOUT_MS: '200' },
    });
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
    await redis.stop();
  });

  it('answers 503 so the provider retries, and the retry after recovery moves the record', async () => {
    const created = await post(`${sut.url}/v1/uploads/aliyun-vod/videos`, { title: 'Outage', fileName: 'clip.mp4' }, sut.bearer('alice'));
    expect(created.status).toBe(201);

    // Frozen rather than killed: the records survive, as they would a network partition.
    redis.pause();
    const during = await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', created.body.videoId);
    // VOD's three attempts all met the outage.
    expect(during?.statuses).toEqual([503, 503, 503]);

    redis.resume();
    await until(async () => (await fetch(`${sut.url}/readyz`)).status === 200, 8_000, 'the store to come back');
    expect((await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', created.body.videoId))?.statuses).toEqual([200]);
    expect((await record(sut, created.body.uploadId)).status).toBe('uploaded');
  });
});

describe('Tencent PULL mode with two replicas on one Redis', () => {
  let cloud: EventfulCloud;
  let replicas: TestApp[];

  beforeAll(async () => {
    cloud = await startEventfulCloud({ tencentMode: 'pull', pullWaitMs: 200 });
    const shared = { ...cloud.env, REDIS_KEY_PREFIX: `pull${Date.now()}:` };
    replicas = [await startTestApp({ redis: true, env: shared }), await startTestApp({ redis: true, env: shared })];
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await cloud.close();
  });

  it('processes and confirms every event once, on one replica at a time', async () => {
    const api = tencentVodApi(replicas[0]);
    const uploads = await Promise.all(
      Array.from({ length: 6 }, async () => ((await (await api.sign('alice')).json()) as { uploadId: string }).uploadId),
    );
    for (const [i, uploadId] of uploads.entries()) {
      await cloud.emulator.events.tencentFileUploaded(
        `52858907842735331${i}0`,
        `http://v.example.com/${i}.mp4`,
        `uploadId=${uploadId}&userId=alice`,
      );
    }
    await until(
      async () => (await Promise.all(uploads.map((id) => record(replicas[1], id)))).every((item) => item.status === 'uploaded'),
      10_000,
    );
    await until(() => cloud.emulator.events.tencentQueue.pending === 0, 5_000, 'every event to be confirmed');

    const applied = await Promise.all(
      replicas.map(async (replica) => {
        const metrics = await (await fetch(`${replica.url}/metrics`)).text();
        const match = /upload_bff_events_total\{provider="tencent-vod",type="NewFileUpload",outcome="applied"\} (\d+)/.exec(metrics);
        return Number(match?.[1] ?? 0);
      }),
    );
    expect(applied[0] + applied[1]).toBe(6);
    // One lease: the events went to one replica.
    expect(applied.filter((count) => count > 0)).toHaveLength(1);
    expect(cloud.emulator.server.calls('tencent-vod', 'ConfirmEvents')).toBeGreaterThan(0);
  });
});

describe('Upload records and events on a 3-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let cloud: EventfulCloud;
  let sut: TestApp;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    cloud = await startEventfulCloud();
    sut = await startTestApp({
      port: cloud.port,
      env: {
        ...cloud.env,
        REDIS_CLUSTER_NODES: cluster.nodes.map((node) => `${node.host}:${node.port}`).join(','),
        CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
      },
    });
  }, 30_000);
  afterAll(async () => {
    await sut?.close();
    await cloud?.close();
    await cluster?.stop();
  });

  it('issues, lists, completes by event and revokes, every key in its own slot', async () => {
    const created = [];
    for (let i = 0; i < 3; i++) {
      const response = await post(`${sut.url}/v1/uploads/aliyun-vod/images`, { imageType: 'default' }, sut.bearer('cluster-user'));
      expect(response.status).toBe(201);
      created.push(response.body);
    }
    const list = (await (await fetch(`${sut.url}/v1/uploads?limit=2`, { headers: sut.bearer('cluster-user') })).json()) as {
      items: { uploadId: string }[];
      nextCursor: string;
    };
    expect(list.items.map((item) => item.uploadId)).toEqual([created[2].uploadId, created[1].uploadId]);
    expect((await cloud.emulator.events.aliyunUploadCompleted('aliyun-vod', created[0].imageId))?.statuses).toEqual([200]);
    expect((await record(sut, created[0].uploadId, 'cluster-user')).status).toBe('uploaded');
    const revoked = await fetch(`${sut.url}/v1/uploads/${created[1].uploadId}`, { method: 'DELETE', headers: sut.bearer('cluster-user') });
    expect(revoked.status).toBe(204);
    expect((await record(sut, created[1].uploadId, 'cluster-user')).status).toBe('revoked');
  });
});
