import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '@app/testing';
import { until } from '../../support/until';

export interface ComposeRedis {
  /** Scratch directories standing in for the service's tmpfs (/tmp) and its named volume (/data). */
  tmp: string;
  data: string;
  /** A client with the service's password; the caller disconnects it. */
  client(): Redis;
  start(): Promise<void>;
  /** SIGTERM, as `docker compose stop` sends it; resolves with the exit code. */
  shutdown(): Promise<number | null>;
  /** Shuts down and removes the scratch directories. */
  remove(): Promise<void>;
}

/** Each path the script names swapped for its stand-in, in one pass; fails when the script no longer names one. */
function swap(script: string, paths: Record<string, string>): string {
  const missing = Object.keys(paths).filter((path) => !script.includes(path));
  if (missing.length > 0) throw new Error(`the Redis command no longer names ${missing.join(', ')}`);
  // The paths are plain text: no character of theirs means anything in a regular expression but "/".
  const anyPath = new RegExp(Object.keys(paths).join('|'), 'g');
  return script.replace(anyPath, (path) => paths[path]);
}

/**
 * The Redis service of deploy/compose.yaml as a local process: its `sh -c` script as written (Compose's `$$`
 * read as `$`), with /run/secrets at `secrets`, /tmp and /data at scratch directories, and a free loopback port
 * added, since the shared Redis of this machine owns 6379.
 */
export async function composeRedis(command: string[], secrets: string, password: string): Promise<ComposeRedis> {
  const [shell, flag, written] = command;
  if (shell !== 'sh' || flag !== '-c' || command.length !== 3) throw new Error('the Redis command is no longer sh -c <script>');
  const scratch = mkdtempSync(join(tmpdir(), 'compose-redis-'));
  const [tmp, data] = ['tmp', 'data'].map((name) => join(scratch, name));
  for (const dir of [tmp, data]) mkdirSync(dir);
  const port = await freePort();
  const paths = { '/run/secrets/': `${secrets}/`, '/tmp/': `${tmp}/`, '--dir /data': `--dir ${data}` };
  const script = `${swap(written.replaceAll('$$', '$'), paths)} --port ${port} --bind 127.0.0.1`;

  let child: ChildProcess | undefined;
  let output = '';
  const client = () => new Redis({ port, host: '127.0.0.1', password, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  const shutdown = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return running?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    return exited;
  };
  return {
    tmp,
    data,
    client,
    shutdown,
    async start() {
      child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const probe = client();
      try {
        await until(
          async () => {
            if (child?.exitCode !== null) throw new Error(`the Compose Redis command exited:\n${output}`);
            return (await probe.ping().catch(() => '')) === 'PONG';
          },
          5_000,
          'the Compose Redis command to answer',
        );
      } finally {
        probe.disconnect();
      }
    },
    async remove() {
      await shutdown();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
