/**
 * The service at rest, as compare.cjs starts it ("ours": Tencent configured, Redis, NODE_ENV=development,
 * LOG_LEVEL=info to a file): after its start, one GET /healthz and a second's rest, its RSS (VmRSS) and a
 * heap snapshot (--heapsnapshot-signal), broken down by module family (heap-by-module.ts).
 *   node -r @swc-node/register bench/tools/idle-heap.ts [main.js] [-- node flags...]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@app/testing';
import { spawnChild } from '../stack/child-process';
import { SERVICE_MAIN } from '../stack/paths';
import { startRedis } from '../stack/redis';
import { waitUntil } from '../stack/wait-until';
import { heapByModule } from './heap-by-module';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;

const statusField = (pid: number, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function main(): Promise<void> {
  const split = process.argv.indexOf('--');
  const args = split === -1 ? process.argv.slice(2) : process.argv.slice(2, split);
  const nodeFlags = split === -1 ? [] : process.argv.slice(split + 1);
  const serviceMain = args[0] ? resolve(args[0]) : SERVICE_MAIN;
  const runDir = mkdtempSync(join(tmpdir(), 'idle-heap-'));
  const redis = await startRedis();
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_JWT_SECRET: randomBytes(48).toString('base64url'),
    REDIS_URL: redis.server.url,
    TENCENTCLOUD_SECRET_ID: 'AKIDxxxxxxxx',
    TENCENTCLOUD_SECRET_KEY: randomBytes(24).toString('base64url'),
    TENCENTCLOUD_VOD_SUB_APP_ID: '1500000001',
    TENCENTCLOUD_VOD_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const service = spawnChild('service', process.execPath, {
    args: ['--heapsnapshot-signal=SIGUSR2', ...nodeFlags, serviceMain],
    env,
    logFile: join(runDir, 'service.log'),
    cwd: runDir,
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntil('service', service, async () => (await fetch(`${url}/healthz`)).status === 200);
    await fetch(`${url}/healthz`);
    await sleep(1000);
    const rssMB = statusField(service.pid, 'VmRSS');
    const anonMB = statusField(service.pid, 'RssAnon');
    const fileMB = statusField(service.pid, 'RssFile');
    service.child.kill('SIGUSR2');
    let file: string | undefined;
    for (let size = -1; ; await sleep(250)) {
      file = readdirSync(runDir).find((name) => name.endsWith('.heapsnapshot'));
      if (!file) continue;
      const now = statSync(join(runDir, file)).size;
      if (now > 0 && now === size) break;
      size = now;
    }
    const heap = heapByModule(join(runDir, file), {
      'the OpenAPI document (an object with openapi, paths, components)': (_name, type, has) =>
        type === 'object' && has('openapi') && has('paths') && has('components'),
      "class-validator's MetadataStorage": (name, type, has) =>
        type === 'object' && name === 'MetadataStorage' && has('validationMetadatas'),
      "class-transformer's MetadataStorage": (name, type, has) => type === 'object' && name === 'MetadataStorage' && has('_typeMetadatas'),
    });
    const line = (label: string, bytes: number) => `| ${label} | ${(bytes / MB).toFixed(1)} MB |`;
    console.log(`service ${serviceMain}${nodeFlags.length ? ` with ${nodeFlags.join(' ')}` : ''}`);
    const rss = `idle RSS ${rssMB.toFixed(1)} MB (anonymous ${anonMB.toFixed(1)}, file-backed ${fileMB.toFixed(1)})`;
    console.log(`${rss}; live heap in the snapshot ${(heap.totalBytes / MB).toFixed(1)} MB (${heap.nodes} objects)`);
    console.log('| module family (by nearest module-owned dominator) | live heap |\n|---|---:|');
    for (const family of heap.families) console.log(line(family.name, family.bytes));
    console.log('| "shared / runtime" by kind | |\n|---|---:|');
    for (const kind of heap.shared) console.log(line(kind.kind, kind.bytes));
    console.log('| structure (retained) | |\n|---|---:|');
    for (const structure of heap.structures) console.log(line(`${structure.name} ×${structure.count}`, structure.retainedBytes));
    console.log(`snapshot: ${join(runDir, file)}`);
  } finally {
    await service.stop();
    await redis.server.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
