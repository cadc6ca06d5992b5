import { randomBytes } from 'node:crypto';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { spawnService, type ServiceProcess } from './support/spawn-service';
import { TEST_CACHE_KEY, TEST_JWT_SECRET } from './support/test-app';
import { claims, signJwt } from './support/tokens';
import { until } from './support/until';

const PULL_WAIT_MS = 2_000;
/** The puller's lease: three pull waits (event-pull-loop.ts). */
const LEASE_MS = 3 * PULL_WAIT_MS;
/** Tencent hands an unconfirmed event out again after this ("确认有效时间 30 秒", EventContent.EventHandle). */
const CONFIRM_WITHIN_MS = 30_000;
const BATCH = 8;
const EVENTS = 2 * BATCH;

const bearer = { authorization: `Bearer ${signJwt(claims('alice'), { alg: 'HS256', secret: TEST_JWT_SECRET })}` };

interface Replica {
  service: ServiceProcess;
  url: string;
}

/** This replica's count of Tencent events by outcome (applied, duplicate, ...), from its /metrics. */
async function outcomes(replica: Replica): Promise<Record<string, number>> {
  const metrics = await (await fetch(`${replica.url}/metrics`)).text();
  const counted = metrics.matchAll(/^upload_bff_events_total\{provider="tencent-vod",type="NewFileUpload",outcome="(\w+)"\} (\d+)$/gm);
  return Object.fromEntries([...counted].map(([, outcome, count]) => [outcome, Number(count)]));
}

describe("A replica's death while it holds the Tencent PULL lease (two spawned replicas, real Redis, the emulator)", () => {
  let cloud: EventfulCloud;
  /** How far the emulator's event clock is ahead of the wall clock. */
  let skewMs = 0;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    cloud = await startEventfulCloud({ tencentMode: 'pull', pullWaitMs: 200, eventClock: () => Date.now() + skewMs });
  });
  afterAll(async () => {
    for (const replica of replicas.splice(0)) replica.service.child.kill('SIGKILL');
    await cloud.close();
  });

  it('the other replica takes the lease over; each event is applied once, those handed out again count as duplicates', async () => {
    const env = {
      ...cloud.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_KEY_PREFIX: `t${randomBytes(4).toString('hex')}:`,
      CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
      REDIS_COMMAND_TIMEOUT_MS: '2000',
      TENCENTCLOUD_VOD_EVENT_PULL_WAIT_MS: String(PULL_WAIT_MS),
      // A ConfirmEvents that hangs holds the lease holder there until it dies, not until a timeout.
      TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '30000',
    };
    const services = [spawnService(env), spawnService(env)];
    const ports = await Promise.all(services.map((service) => service.listening));
    replicas.push(...services.map((service, i) => ({ service, url: `http://127.0.0.1:${ports[i]}` })));

    const uploadIds: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const response = await fetch(`${replicas[0].url}/v1/uploads/tencent-vod/signatures`, { method: 'POST', headers: bearer });
      expect(response.status).toBe(201);
      uploadIds.push(((await response.json()) as { uploadId: string }).uploadId);
    }
    // Pushed together, so that one PullEvents takes a whole batch.
    const uploaded = (ids: string[]) =>
      Promise.all(
        ids.map((uploadId) => {
          const fileId = `52858907842${String(uploadIds.indexOf(uploadId)).padStart(8, '0')}`;
          return cloud.emulator.events.tencentFileUploaded(
            fileId,
            `http://v.example.com/${fileId}.mp4`,
            `uploadId=${uploadId}&userId=alice`,
          );
        }),
      );
    const { server, events } = cloud.emulator;
    const calls = (operation: string) => server.calls('tencent-vod', operation);

    // The lease holder applies the first batch, then dies before Tencent has its confirmation.
    server.faults.inject({ kind: 'hang', provider: 'tencent-vod', operation: 'ConfirmEvents', times: 1 });
    await uploaded(uploadIds.slice(0, BATCH));
    await until(() => calls('ConfirmEvents') === 1, 15_000, 'the lease holder to confirm its first events');
    const before = await Promise.all(replicas.map(outcomes));
    const holder = before.findIndex((counts) => (counts.applied ?? 0) > 0);
    expect(before.filter((counts) => (counts.applied ?? 0) > 0)).toHaveLength(1);
    const [dead, survivor] = holder === 0 ? replicas : [replicas[1], replicas[0]];
    const pullsAtDeath = calls('PullEvents');
    dead.service.child.kill('SIGKILL');
    const killedAt = Date.now();
    await dead.service.exited;
    const appliedByDead = before[holder].applied;

    // Events keep coming; only a replica holding the lease pulls them.
    await uploaded(uploadIds.slice(BATCH));
    await until(() => calls('PullEvents') > pullsAtDeath, LEASE_MS + PULL_WAIT_MS + 10_000, 'the other replica to pull');
    const takeoverMs = Date.now() - killedAt;
    await until(async () => (await outcomes(survivor)).applied === EVENTS - appliedByDead, 15_000, 'the survivor to apply the rest');

    // Tencent's 30 s pass: what the dead replica applied but never confirmed is handed out again.
    skewMs += CONFIRM_WITHIN_MS;
    await until(() => events.tencentQueue.pending === 0, 15_000, 'every event to be confirmed');
    const after = await outcomes(survivor);
    const records = await Promise.all(
      uploadIds.map(
        async (uploadId) =>
          (await (await fetch(`${survivor.url}/v1/uploads/${uploadId}`, { headers: bearer })).json()) as { status: string },
      ),
    );
    const figures = {
      events: EVENTS,
      uploaded: records.filter((record) => record.status === 'uploaded').length,
      applied: appliedByDead + (after.applied ?? 0),
      appliedByDead,
      duplicates: (before[holder].duplicate ?? 0) + (after.duplicate ?? 0),
      secondsToTakeover: takeoverMs / 1000,
      leaseSeconds: LEASE_MS / 1000,
    };
    console.log(JSON.stringify({ replicaDeath: 'tencent-pull', ...figures }));

    expect(figures.uploaded).toBe(EVENTS);
    // Applied once each: a record moves to uploaded once, and the counts of both replicas add up to the events.
    expect(figures.applied).toBe(EVENTS);
    // Exactly the events the dead replica applied without confirming came back, and changed nothing.
    expect(figures.duplicates).toBe(appliedByDead);
    expect(Object.keys(after).sort()).toEqual(['applied', 'duplicate']);
    // The lease lapses at most LEASE_MS after the death, and the survivor tries for it every pull wait (two seconds more
    // for a busy machine's timers): 3 to 4 pull waits, not 3.
    expect(takeoverMs).toBeLessThanOrEqual(LEASE_MS + PULL_WAIT_MS + 2_000);
  }, 90_000);
});
