import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { type EventfulCloud, startEventfulCloud } from './support/eventful-cloud';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { until } from './support/until';

/** Every setting of a cloud's environment as a profile's own (`NAME__INTL`). */
const asProfile = (env: Record<string, string>, suffix: string) =>
  Object.fromEntries(Object.entries(env).map(([name, value]) => [`${name}__${suffix}`, value]));

/** Tencent PULL with region profiles: one leased loop per distinct sub-application, each applying its own region's events. */
describe('Region profiles: a Tencent PULL loop per sub-application (end to end)', () => {
  let cn: EventfulCloud;
  let intl: EventfulCloud;
  let redis: Redis;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    [cn, intl] = await Promise.all([startEventfulCloud({ tencentMode: 'pull' }), startEventfulCloud({ tencentMode: 'pull' })]);
    redis = new Redis(process.env.TEST_REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    redis?.disconnect();
    await Promise.all([cn?.close(), intl?.close()]);
  });

  const start = async (env: Record<string, string>) => {
    const prefix = `pull${randomBytes(4).toString('hex')}:`;
    const app = await startTestApp({ redis: true, env: { ...env, REGIONS: 'cn,intl', REDIS_KEY_PREFIX: prefix } });
    apps.push(app);
    return {
      app,
      leases: async () => (await redis.keys(`${prefix}tencent-vod:event-puller*`)).map((key) => key.slice(prefix.length)).sort(),
    };
  };

  it('pulls each account’s sub-application on its own lease, and applies an intl upload’s event from the intl cloud', async () => {
    const { app, leases } = await start({ ...cn.env, ...asProfile(intl.env, 'INTL') });
    await until(async () => (await leases()).length === 2);
    expect(await leases()).toEqual(['tencent-vod:event-puller', 'tencent-vod:event-puller:intl']);

    const signed = await tencentVodApi(app, { region: 'intl' }).sign('ines');
    const { uploadId } = (await signed.json()) as { uploadId: string };
    await intl.emulator.events.tencentFileUploaded(
      '5285890784273533999',
      'http://v.example.com/intl.mp4',
      `uploadId=${uploadId}&userId=ines`,
      9,
    );
    const status = async () =>
      ((await (await fetch(`${app.url}/v1/uploads/${uploadId}`, { headers: app.bearer('ines') })).json()) as { status: string }).status;
    await until(async () => (await status()) === 'uploaded');
    // Confirmed to the cloud it came from, by the intl loop.
    await until(() => intl.emulator.server.calls('tencent-vod', 'ConfirmEvents') > 0);
    expect(cn.emulator.server.calls('tencent-vod', 'ConfirmEvents')).toBe(0);
  });

  it('runs one loop for two profiles of the same sub-application', async () => {
    const before = cn.emulator.server.calls('tencent-vod', 'PullEvents');
    const { leases } = await start(cn.env);
    await until(() => cn.emulator.server.calls('tencent-vod', 'PullEvents') > before + 1);
    expect(await leases()).toEqual(['tencent-vod:event-puller']);
  });
});
