import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { freePort } from '@app/testing';
import { claims, signJwt } from '../support/tokens';
import { readDockerfile } from './support/dockerfile';
import { snapshotTree, treeChanges } from './support/file-snapshot';
import { type ReplayedImage, removeScratch, replayImage } from './support/image-replay';
import { repoPath } from './support/repo-paths';

const run = promisify(execFile);

/** As the image's USER when we can switch users (root), else as ourselves with the tree read-only to us too. */
function imageUser(user: string | undefined): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0 || !user) return {};
  const [uid, gid] = user.split(':').map(Number);
  return { uid, gid: gid ?? uid };
}

/** Resolves once the service logs that it listens; rejects with its output if it exits first. */
function listening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', () => /"msg":"listening"/.test(output()) && resolve());
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening:\n${output()}`)));
  });
}

describe('the container image, replayed without a Docker engine', () => {
  let image: ReplayedImage;
  let service: ChildProcess;
  let output = '';
  let baseUrl: string;
  let port: number;
  let metricsPort: number;
  let jwtSecret: string;
  let treeBefore: Map<string, string>;
  const serviceEnv: Record<string, string> = {};

  beforeAll(async () => {
    image = await replayImage(readDockerfile());
    const scratch = dirname(image.root);
    // What Kubernetes mounts: a secret file, a writable tmp dir; HOME is as read-only as the rest.
    jwtSecret = randomBytes(32).toString('base64url');
    await mkdir(join(scratch, 'secrets'), { mode: 0o755 });
    await writeFile(join(scratch, 'secrets', 'auth-jwt-secret'), `${jwtSecret}\n`, { mode: 0o444 });
    await mkdir(join(scratch, 'tmp'));
    await chmod(join(scratch, 'tmp'), 0o1777);
    await mkdir(join(scratch, 'home'), { mode: 0o555 });
    await run('chmod', ['-R', 'a-w', image.root]);
    treeBefore = await snapshotTree(image.root);

    port = await freePort();
    metricsPort = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    Object.assign(serviceEnv, {
      PATH: `${dirname(image.node)}:/usr/bin:/bin`,
      HOME: join(scratch, 'home'),
      TMPDIR: join(scratch, 'tmp'),
      ...image.env,
      // Loopback only in tests; the image's 0.0.0.0 is what a container needs.
      HOST: '127.0.0.1',
      PORT: String(port),
      // As the Kubernetes manifests run it: production serves /metrics only on a port of its own.
      METRICS_PORT: String(metricsPort),
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_KEY_PREFIX: `img${randomBytes(4).toString('hex')}:`,
      CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUTH_JWT_SECRET_FILE: join(scratch, 'secrets', 'auth-jwt-secret'),
    });
    const [program, ...args] = image.cmd;
    expect(program).toBe('node');
    service = spawn(image.node, args, {
      cwd: image.workdir,
      env: serviceEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...imageUser(image.user),
    });
    service.stdout!.on('data', (chunk) => (output += chunk));
    service.stderr!.on('data', (chunk) => (output += chunk));
    await listening(service, () => output);
  }, 300_000);

  // Removing some 200 MB of node_modules takes seconds on a busy machine.
  afterAll(async () => {
    if (service && service.exitCode === null) service.kill('SIGKILL');
    await removeScratch(image);
  }, 60_000);

  it('runs in production mode as a non-root user', () => {
    expect(image.env.NODE_ENV).toBe('production');
    expect(image.user).toMatch(/^[1-9]\d*(:\d+)?$/);
  });

  it('holds production dependencies only', () => {
    const lock = JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev);
    expect(devOnly.length).toBeGreaterThan(0);
    const present = devOnly.map(([path]) => path).filter((path) => existsSync(join(image.workdir, path)));
    expect(present).toEqual([]);
    expect(existsSync(join(image.workdir, 'node_modules/@nestjs/core'))).toBe(true);
  });

  it('contains the scripts the compose file runs from it', () => {
    const compose = parse(readFileSync(repoPath('deploy/compose.yaml'), 'utf8'), { merge: true }) as {
      services: Record<string, { image?: string; command?: string[] }>;
    };
    const scripts = Object.values(compose.services)
      .filter((service) => service.image === 'upload-bff:local' && service.command?.[0] === 'node')
      .map((service) => service.command![1]);
    expect(scripts).not.toEqual([]);
    for (const script of scripts) expect(existsSync(join(image.workdir, script))).toBe(true);
  });

  it("carries the webhooks' dead-letter CLI, which runs with a replica's settings", async () => {
    const cli = (...argv: string[]) =>
      run(image.node, ['dist/apps/upload-api/src/cli/webhooks.js', ...argv], {
        cwd: image.workdir,
        env: {
          ...serviceEnv,
          WEBHOOK_URL: 'https://hooks.example.com/upload-bff',
          WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
        },
        timeout: 20_000,
        ...imageUser(image.user),
      });
    expect((await cli('--help')).stdout).toContain('node dist/apps/upload-api/src/cli/webhooks.js <command>');
    expect(JSON.parse((await cli('failed', '--json')).stdout)).toEqual([]);
  }, 30_000);

  it('serves liveness, readiness (Redis answering), metrics on METRICS_PORT and an authenticated route', async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toEqual({ status: 'ok', store: 'redis' });
    expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toContain('upload_bff_refusals_total');
    // Production: neither /metrics nor /docs on the API's port.
    for (const path of ['/metrics', '/docs']) expect((await fetch(`${baseUrl}${path}`)).status).toBe(404);
    const token = signJwt(claims('image-user'), { alg: 'HS256', secret: jwtSecret });
    const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({ id: 'image-user', permissions: [] });
  });

  it("passes the image's HEALTHCHECK, which fails when nothing answers", async () => {
    const [program, ...args] = image.healthcheck;
    expect(program).toBe('node');
    const healthcheck = (checkPort: number) => run(image.node, args, { env: { PORT: String(checkPort) }, timeout: 3_000 });
    await expect(healthcheck(port)).resolves.toBeDefined();
    await expect(healthcheck(await freePort())).rejects.toMatchObject({ code: 1 });
  });

  it('wrote nothing to its tree: no .sandbox, no cache, no log', async () => {
    expect(treeChanges(treeBefore, await snapshotTree(image.root))).toEqual([]);
  });

  it('drains and exits 0 on SIGTERM within SHUTDOWN_GRACE_MS', async () => {
    const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)));
    service.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutdown complete');
  }, 15_000);
});
