import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, type ServiceProcess } from './support/spawn-service';
import { TEST_CACHE_KEY, TEST_JWT_SECRET } from './support/test-app';

const scratch = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const NO_STACK = /^\s+at /m;
/** A service process takes a few seconds to start on a busy machine. */
const SPAWN_TIMEOUT_MS = 20_000;

/** What an operator meets when starting the service, as `npm start` runs it. */
describe('Start-up', () => {
  const started: ServiceProcess[] = [];
  const start = (env: Record<string, string>, prefix: string) => {
    const service = spawnService({ PORT: '0', ...env }, scratch(prefix));
    started.push(service);
    return service;
  };
  afterAll(async () => {
    for (const service of started) if (service.child.exitCode === null) service.child.kill('SIGTERM');
    await Promise.all(started.map((service) => service.exited));
  }, SPAWN_TIMEOUT_MS);

  it(
    'reports every configuration error at once: a bad PORT does not hide the others',
    async () => {
      const service = start({ PORT: '3306x', LOG_LEVEL: 'loud', AUTH_JWT_SECRET: 'too-short' }, 'config-');
      expect(await service.exited).toBe(1);
      expect(service.stderr()).toMatch(/^Invalid configuration \(3 problems\):$/m);
      expect(service.stderr()).toMatch(/- PORT: must be an integer/);
      expect(service.stderr()).toMatch(/- LOG_LEVEL: must be one of/);
      expect(service.stderr()).toMatch(/- AUTH_JWT_SECRET: must be at least 32 bytes/);
      expect(service.stderr()).not.toMatch(NO_STACK);
    },
    SPAWN_TIMEOUT_MS,
  );

  /** Production on the tests' Redis, which persists nothing: one process for the tests that read its start. */
  let production: ServiceProcess | undefined;
  const startProduction = () =>
    (production ??= start(
      {
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        REDIS_URL: process.env.TEST_REDIS_URL!,
        REDIS_KEY_PREFIX: 'startup:',
        CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
      },
      'prod-',
    ));
  const linesOf = (service: ServiceProcess, text: string) =>
    service
      .stdout()
      .split('\n')
      .filter((line) => line.includes(text))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it(
    'warns once, naming what to set, when production starts without any cloud provider',
    async () => {
      const service = startProduction();
      await service.listening;
      const warnings = linesOf(service, 'no cloud provider is configured');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        level: 'warn',
        msg: expect.stringMatching(/ALIBABA_CLOUD_VOD_REGION.*TENCENTCLOUD_SECRET_ID/),
      });
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'says once what it keeps in Redis, and warns in production when Redis reports no persistence',
    async () => {
      const service = startProduction();
      await service.listening;
      const kept = linesOf(service, 'Redis keeps');
      expect(kept).toHaveLength(1);
      expect(kept[0]).toMatchObject({
        level: 'info',
        msg: expect.stringMatching(/^Redis keeps upload records 7d; idempotent answers .*Persistence: none \(a restart loses all of it\)$/),
      });
      const warnings = linesOf(service, 'Redis reports no persistence');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        level: 'warn',
        msg: expect.stringMatching(/Turn on AOF \(appendonly yes, appendfsync everysec\)/),
      });
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'with AUTH_PERMISSIONS_ENABLED=true, gives the sandbox banner a token its own curl example may use',
    async () => {
      const service = start({ AUTH_PERMISSIONS_ENABLED: 'true' }, 'sandbox-permissions-');
      const base = `http://127.0.0.1:${await service.listening}`;
      const deadline = Date.now() + 5000;
      while (!/export TOKEN='/.test(service.stderr()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const banner = service.stderr();
      const token = /export TOKEN='([^']+)'/.exec(banner)![1];
      // The banner's curl, as pasted: the path and body it shows.
      const curl = /curl -s -X POST (\S+) -H "authorization: Bearer \$TOKEN" \\\n\s+-H 'content-type: application\/json' -d '([^']+)'/.exec(
        banner,
      )!;
      expect(curl[1]).toBe(`${base}/v1/uploads/aliyun-vod/videos`);
      const response = await fetch(curl[1], {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: curl[2],
      });
      expect(response.status).toBe(201);
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'loads neither the emulator, BullMQ nor undici in production without webhooks and verification; the sandbox loads them',
    async () => {
      const probe = { NODE_OPTIONS: `--require ${join(__dirname, 'support', 'loaded-families.cjs')}` };
      const families = async (service: ServiceProcess) => {
        await service.listening;
        service.child.kill('SIGTERM');
        await service.exited;
        return JSON.parse(/^loaded families: (.*)$/m.exec(service.stderr())![1]) as string[];
      };
      const production = start(
        {
          ...probe,
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: TEST_JWT_SECRET,
          REDIS_URL: process.env.TEST_REDIS_URL!,
          REDIS_KEY_PREFIX: 'startup-families:',
          UPLOAD_VERIFICATION: 'off',
          CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY,
        },
        'prod-families-',
      );
      const sandbox = start(probe, 'sandbox-families-');
      expect(await families(production)).toEqual([]);
      expect(await families(sandbox)).toEqual(expect.arrayContaining(['emulator', 'undici']));
    },
    SPAWN_TIMEOUT_MS,
  );
});
