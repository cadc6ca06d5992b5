import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { loadServiceConfig as loadConfig } from '../../apps/upload-api/src/providers';
import { tencentServiceEnv } from '@app/emulator';
import { decodeUploadSignature } from '../support/tencent-vod-client';
import { claims, signJwt } from '../support/tokens';
import { until } from '../support/until';
import { composeRedis } from './support/compose-redis';
import { readDockerfile, finalStage, stepsOf } from './support/dockerfile';
import { type EmulatedReplica, startEmulatedReplica } from './support/emulated-replica';
import { readEnvFile, readExampleSwitchedOn, remapSecretFiles, secretFilesNamed, unknownVariables } from './support/env-files';
import { repoPath } from './support/repo-paths';

const run = promisify(execFile);
const COMPOSE_DIR = repoPath('deploy');
const BUILT_IMAGE = 'upload-bff:local';

interface EnvFileRef {
  path: string;
  required?: boolean;
}
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  profiles?: string[];
  env_file?: EnvFileRef[];
  secrets?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  read_only?: boolean;
  user?: string;
  volumes?: string[];
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  networks?: { default?: { aliases?: string[] } };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  secrets: Record<string, { file: string }>;
  configs: Record<string, { file: string }>;
}

const compose = parse(readFileSync(join(COMPOSE_DIR, 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;
const services = Object.entries(compose.services);
const replicas = services.filter(([, service]) => service.image === BUILT_IMAGE && service.command === undefined);
const fromComposeDir = (path: string) => join(COMPOSE_DIR, path);

/** Cloud key pairs: the operator adds them to ./secrets/ and compose.yaml (cloud.env.example says how); init-secrets.sh writes the rest. */
const OPERATORS_OWN_SECRET = /^(alibaba-access-key|tencentcloud-secret)-/;
const emulatorKeys = JSON.parse(readFileSync(fromComposeDir('compose/emulator-keys.json'), 'utf8')) as Record<
  'aliyun' | 'tencent',
  { id: string; secret: string }[]
>;

/** The service's environment as Compose gives it: env files in order, later ones winning. */
const environmentOf = (service: ComposeService): Record<string, string> =>
  Object.assign(
    {},
    ...(service.env_file ?? []).filter((ref) => existsSync(fromComposeDir(ref.path))).map((ref) => readEnvFile(fromComposeDir(ref.path))),
  );

describe('deploy/compose.yaml', () => {
  let secretsDir: string;

  beforeAll(async () => {
    secretsDir = mkdtempSync(join(tmpdir(), 'compose-secrets-'));
    await run('sh', [repoPath('deploy/compose/init-secrets.sh'), secretsDir]);
  });
  afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

  it('is a valid Compose file (the Compose Specification schema shipped with dclint)', () => {
    const schemaPath = join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
    const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(
      JSON.parse(readFileSync(schemaPath, 'utf8')),
    );
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ services: { x: { image: 'a', no_such_key: true } } })).toBe(false);
  });

  it('names only images built here from the Dockerfile, or official images with a pinned version', () => {
    const builders = services.filter(([, service]) => service.build);
    expect(builders.length).toBeGreaterThan(0);
    for (const [, service] of builders) {
      expect(service.image).toBe(BUILT_IMAGE);
      expect(existsSync(join(fromComposeDir(service.build!.context), service.build!.dockerfile))).toBe(true);
    }
    const others = services.map(([, service]) => service.image!).filter((image) => image !== BUILT_IMAGE);
    expect(others.filter((image) => !/^redis:\d+\.\d+(?:\.\d+)?-alpine$/.test(image))).toEqual([]);
  });

  it('names only files that exist, or secrets that init-secrets.sh writes', () => {
    for (const { file } of Object.values(compose.configs)) expect(existsSync(fromComposeDir(file))).toBe(true);
    for (const [name, { file }] of Object.entries(compose.secrets)) {
      expect(file).toMatch(/^compose\/secrets\//);
      expect([name, existsSync(join(secretsDir, file.replace(/^compose\/secrets\//, '')))]).toEqual([name, true]);
    }
    const envFiles = services.flatMap(([, service]) => service.env_file ?? []);
    expect(envFiles.filter((ref) => ref.required !== false && !existsSync(fromComposeDir(ref.path)))).toEqual([]);
    // Optional files are the operator's own and never committed.
    const ignoredLocally = readFileSync(repoPath('deploy/compose/.gitignore'), 'utf8');
    for (const ref of envFiles.filter((file) => file.required === false))
      expect(ignoredLocally).toContain(ref.path.replace(/^compose\//, ''));
    expect(ignoredLocally).toMatch(/^secrets\/$/m);
  });

  it('gives every long-running service a health check (the built image brings its own HEALTHCHECK)', () => {
    expect(stepsOf(finalStage(readDockerfile()), 'HEALTHCHECK')).toHaveLength(1);
    const unchecked = services.filter(
      ([, service]) => !service.healthcheck && !(service.image === BUILT_IMAGE && service.command === undefined),
    );
    expect(unchecked.map(([name]) => name)).toEqual([]);
  });

  it('runs two production replicas and Redis with a password and AOF, written to disk every second, on a named volume', () => {
    const production = replicas.filter(([, service]) => !service.profiles);
    expect(production.map(([name]) => name)).toEqual(['upload-api-1', 'upload-api-2']);
    const redis = compose.services.redis;
    const command = redis.command!.join(' ');
    expect(command).toContain('requirepass');
    expect(command).toContain('--appendonly yes --appendfsync everysec');
    expect(command).toContain('--dir /data');
    expect(redis.secrets).toContain('redis-password');
    const password = readFileSync(join(secretsDir, 'redis-password'), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(readFileSync(join(secretsDir, 'redis-url'), 'utf8').trim()).toBe(`redis://:${password}@redis:6379`);
    // A named volume (kept by `docker compose down`, removed only by `down -v`) at the image's data directory,
    // which the image's redis user (uid 999) owns: the volume starts as a copy of it, so that user writes there.
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['redis-data']);
    expect(redis.user).toMatch(/^999:/);
    // Still read-only, the password file still on tmpfs.
    expect([redis.read_only, redis.tmpfs]).toEqual([true, ['/tmp']]);
  });

  it("keeps Redis's data across a restart: its command, run here with /data on a scratch directory", async () => {
    const password = readFileSync(join(secretsDir, 'redis-password'), 'utf8').trim();
    const redis = await composeRedis(compose.services.redis.command!, secretsDir, password);
    try {
      await redis.start();
      let client = redis.client();
      const config = async (name: string) => (await client.config('GET', name))[1];
      const settings = [await config('appendonly'), await config('appendfsync'), await config('save'), await config('dir')];
      expect(settings).toEqual(['yes', 'everysec', '', redis.data]);
      await client.set('ucb:record', 'kept', 'EX', 600);
      client.disconnect();
      expect(await redis.shutdown()).toBe(0);

      await redis.start();
      client = redis.client();
      expect(await client.get('ucb:record')).toBe('kept');
      client.disconnect();
      // What Redis wrote went to the volume; the tmpfs holds only the configuration with the password.
      expect([readdirSync(redis.data), readdirSync(redis.tmp)]).toEqual([['appendonlydir'], ['redis.conf']]);
    } finally {
      await redis.remove();
    }
  });

  it('publishes ports on loopback only, each once', () => {
    const ports = services.flatMap(([, service]) => service.ports ?? []);
    expect(ports.filter((port) => !port.startsWith('127.0.0.1:'))).toEqual([]);
    const hostPorts = ports.map((port) => port.split(':')[1]);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('runs every container read-only, without capabilities or privilege escalation', () => {
    for (const [name, service] of services) {
      expect([name, service.read_only, service.cap_drop, service.security_opt]).toEqual([name, true, ['ALL'], ['no-new-privileges:true']]);
    }
  });

  it.each(replicas.map(([name, service]) => [name, service] as const))(
    '%s: its environment loads, with the secrets it mounts',
    (_name, service) => {
      const env = environmentOf(service);
      expect(unknownVariables(env)).toEqual([]);
      const mounted = Object.values(env)
        .filter((value) => value.startsWith('/run/secrets/'))
        .map((value) => value.slice('/run/secrets/'.length));
      expect(mounted.filter((secret) => !service.secrets?.includes(secret))).toEqual([]);
      const config = loadConfig(remapSecretFiles(env, '/run/secrets', secretsDir));
      expect(config.store.kind).toBe('redis');
      expect(config.isProduction).toBe(!service.profiles?.includes('emulator'));
    },
  );

  it("wires the emulator profile's replica to the emulator with the emulator's keys", () => {
    const emulator = compose.services['cloud-emulator'];
    const env = environmentOf(compose.services['upload-api-emulated']);
    const keys = emulatorKeys;
    expect([env.ALIBABA_CLOUD_ACCESS_KEY_ID, env.ALIBABA_CLOUD_ACCESS_KEY_SECRET]).toEqual([keys.aliyun[0].id, keys.aliyun[0].secret]);
    expect([env.TENCENTCLOUD_SECRET_ID, env.TENCENTCLOUD_SECRET_KEY]).toEqual([keys.tencent[0].id, keys.tencent[0].secret]);
    expect(env.TENCENTCLOUD_VOD_SUB_APP_ID).toBe(
      tencentServiceEnv(env.TENCENTCLOUD_VOD_ENDPOINT, keys.tencent[0]).TENCENTCLOUD_VOD_SUB_APP_ID,
    );
    const port = emulator.command!.find((argument) => argument.startsWith('--port='))!.slice('--port='.length);
    const hosts = [...(emulator.networks?.default?.aliases ?? []), 'cloud-emulator'].map((host) => `http://${host}:${port}`);
    for (const name of ['ALIBABA_CLOUD_VOD_ENDPOINT', 'ALIBABA_CLOUD_IMS_ENDPOINT', 'TENCENTCLOUD_VOD_ENDPOINT'])
      expect(hosts).toContain(env[name]);
  });

  it("keeps the emulator profile's replica apart in Redis: its records, webhook queue and event lease are its own", () => {
    const prefixOf = (name: string) =>
      loadConfig(remapSecretFiles(environmentOf(compose.services[name]), '/run/secrets', secretsDir)).store.keyPrefix;
    expect(prefixOf('upload-api-1')).toBe(prefixOf('upload-api-2'));
    expect(prefixOf('upload-api-emulated')).not.toBe(prefixOf('upload-api-1'));
  });

  it('loads in production with every setting of cloud.env.example switched on: events, webhooks, their secrets mounted', () => {
    const replica = compose.services['upload-api-1'];
    const cloud = readExampleSwitchedOn(fromComposeDir('compose/cloud.env.example'));
    const env = { ...readEnvFile(fromComposeDir('compose/upload-api.env')), ...cloud };
    expect(unknownVariables(env)).toEqual([]);
    const named = secretFilesNamed(env, '/run/secrets');
    expect(named.filter((secret) => !OPERATORS_OWN_SECRET.test(secret) && !replica.secrets?.includes(secret))).toEqual([]);
    const local = mkdtempSync(join(tmpdir(), 'compose-cloud-'));
    try {
      cpSync(secretsDir, local, { recursive: true });
      for (const secret of named.filter((name) => OPERATORS_OWN_SECRET.test(name)))
        writeFileSync(join(local, secret), `${secret}-7f3a9c\n`);
      const secret = (name: string) => readFileSync(join(local, name), 'utf8').trim();
      expect(loadConfig(remapSecretFiles(env, '/run/secrets', local))).toMatchObject({
        isProduction: true,
        providers: {
          aliyun: {
            vod: { callbackUrl: cloud.ALIBABA_CLOUD_VOD_CALLBACK_URL, callbackAuthKeys: [secret('alibaba-vod-callback-auth-key')] },
            ims: { callbackUrl: cloud.ALIBABA_CLOUD_IMS_CALLBACK_URL, callbackAuthKeys: [secret('alibaba-ims-callback-auth-key')] },
          },
          tencent: { enabled: true, vod: { events: { mode: 'pull' } } },
        },
        webhooks: { url: cloud.WEBHOOK_URL, secrets: [secret('webhook-secret')] },
        // Inside the Compose network only: the published port serves neither /metrics nor /docs.
        metrics: { enabled: true, listener: { port: 9464 } },
        docs: { enabled: false },
      });
      // The PUSH alternative, with the token init-secrets.sh wrote.
      const push = loadConfig(remapSecretFiles({ ...env, TENCENTCLOUD_VOD_EVENT_MODE: '' }, '/run/secrets', local));
      expect(push.providers.tencent).toMatchObject({ vod: { events: { mode: 'push', token: secret('tencentcloud-vod-event-token') } } });
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });
});

describe('deploy/compose.yaml, the emulator profile end to end', () => {
  let secretsDir: string;
  let replica: EmulatedReplica;
  let bearer: { authorization: string };

  beforeAll(async () => {
    secretsDir = mkdtempSync(join(tmpdir(), 'compose-emulated-'));
    await run('sh', [repoPath('deploy/compose/init-secrets.sh'), secretsDir]);
    // The one difference: the test's Redis instead of the Compose network's.
    writeFileSync(join(secretsDir, 'redis-url'), `${process.env.TEST_REDIS_URL}\n`);
    const emulator = compose.services['cloud-emulator'];
    replica = await startEmulatedReplica(
      { command: emulator.command!, hosts: [...(emulator.networks?.default?.aliases ?? []), 'cloud-emulator'], keys: emulatorKeys },
      remapSecretFiles(environmentOf(compose.services['upload-api-emulated']), '/run/secrets', secretsDir),
    );
    const jwtSecret = readFileSync(join(secretsDir, 'auth-jwt-secret'), 'utf8').trim();
    bearer = { authorization: `Bearer ${signJwt(claims('compose-user'), { alg: 'HS256', secret: jwtSecret })}` };
  });
  afterAll(async () => {
    await replica?.close();
    rmSync(secretsDir, { recursive: true, force: true });
  });

  it("completes a Tencent upload by the emulator's event (PULL) and delivers its webhooks to the replica's sink", async () => {
    const signed = await fetch(`${replica.url}/v1/uploads/tencent-vod/signatures`, { method: 'POST', headers: bearer });
    expect(signed.status).toBe(201);
    const { uploadId, signature } = (await signed.json()) as { uploadId: string; signature: string };
    // What the emulator's upload stand-in does when a client commits an upload made with that signature.
    const { sourceContext } = decodeUploadSignature(signature, emulatorKeys.tencent[0].secret);
    await replica.emulator.events.tencentFileUploaded('5285890784273533101', 'http://vod.example.com/f0.mp4', sourceContext);

    const record = async () =>
      (await (await fetch(`${replica.url}/v1/uploads/${uploadId}`, { headers: bearer })).json()) as { status: string };
    await until(async () => (await record()).status === 'uploaded', 5_000, 'the PULL loop to apply the event');
    type Sink = { deliveries: { verified: boolean; event: { type: string; data: { uploadId: string } } }[] };
    const delivered = async () =>
      ((await (await fetch(`${replica.url}/v1/sandbox/webhooks`)).json()) as Sink).deliveries.filter(
        (delivery) => delivery.event.data.uploadId === uploadId,
      );
    await until(async () => (await delivered()).length === 2, 5_000, 'upload.created and upload.completed at the sink');
    expect((await delivered()).map((delivery) => [delivery.event.type, delivery.verified]).sort()).toEqual([
      ['upload.completed', true],
      ['upload.created', true],
    ]);
  }, 15_000);
});
