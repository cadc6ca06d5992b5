import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// Throwaway redis-server processes for tests. Never the shared Redis on 6379.

export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server (an outage as clients see it). */
  stop(): Promise<void>;
  /**
   * Stops it as `docker stop` does: SIGTERM, then Redis writes what it persists and exits. Rejects
   * if it exits with an error (a failed final save).
   */
  shutdown(): Promise<void>;
  /** Starts it again on the same port (from the same directory when started with `dir`). */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers. */
  pause(): void;
  resume(): void;
}

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 5_000;
const run = promisify(execFile);
const live = new Set<ChildProcess>();
const handedOut = new Set<number>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

/** A port nobody listens on, never the same twice in this process. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(0, HOST, () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, HOST);
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * One redis-server process that can be killed and started again on its port. Its working directory
 * is a fresh scratch one per start, removed on stop, unless a `keptDir` is given: then every start
 * runs there (what the server persisted is read back) and the caller removes it.
 */
class RedisProcess {
  private child: ChildProcess | undefined;
  private dir: string | undefined;
  /** What the last process started wrote, for an error message. */
  private output: () => string = () => '';

  constructor(
    readonly port: number,
    private readonly argv: (dir: string) => Promise<string[]>,
    private readonly keptDir?: string,
  ) {}

  async start(): Promise<void> {
    if (this.child) return;
    this.dir = this.keptDir ?? (await mkdtemp(path.join(os.tmpdir(), 'store-redis-')));
    const child = spawn('redis-server', await this.argv(this.dir), { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    live.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`redis-server on ${this.port} exited (${code}):\n${output}`))),
    );
    exited.catch(() => undefined);
    child.once('exit', () => live.delete(child));
    this.output = () => output;
    await Promise.race([waitFor(`redis-server on ${this.port}`, () => answersPing(this.port)), exited]);
  }

  /** SIGKILL: gone at once. SIGTERM: Redis saves what it persists and exits 0; one that refuses (a failed save) is killed. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    let clean = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS);
      clean = (await exited) === 0;
      clearTimeout(timer);
    }
    // A fork of a killed server (a replica's full-sync RDB) may still be writing into it: fs.rm retries ENOTEMPTY.
    if (this.dir && this.dir !== this.keptDir) await rm(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    this.dir = undefined;
    if (signal === 'SIGTERM' && !clean) throw new Error(`redis-server on ${this.port} did not shut down cleanly:\n${this.output()}`);
  }

  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.child?.kill(signal);
  }
}

const baseArgs = (port: number, dir: string) => ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir];

function handle(server: RedisProcess): RedisServer {
  return {
    url: `redis://${HOST}:${server.port}`,
    port: server.port,
    stop: () => server.stop(),
    shutdown: () => server.stop('SIGTERM'),
    start: () => server.start(),
    pause: () => server.signal('SIGSTOP'),
    resume: () => server.signal('SIGCONT'),
  };
}

/**
 * A standalone server without persistence, unless `args` turn it on (later arguments win: `--appendonly yes`).
 * With `dir`, it works in that directory across restarts and never removes it.
 */
export async function startRedisServer(opts: { port?: number; args?: string[]; dir?: string } = {}): Promise<RedisServer> {
  const port = opts.port ?? (await freePort());
  const server = new RedisProcess(port, async (dir) => [...baseArgs(port, dir), ...(opts.args ?? [])], opts.dir);
  await server.start();
  return handle(server);
}

export interface SentinelOptions {
  /** Sentinels that must agree the master is down (1). */
  quorum?: number;
  /** How long the master may not answer before it is deemed down (Sentinel's default: 30 s). */
  downAfterMs?: number;
  /** Sentinel's failover-timeout (default: 3 minutes): also how soon a failed failover is tried again. */
  failoverTimeoutMs?: number;
}

/** A Sentinel watching the master on `masterPort` under `name`, with quorum 1 unless told otherwise. */
export async function startRedisSentinel(masterPort: number, name: string, options: SentinelOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const server = new RedisProcess(port, async (dir) => {
    const file = path.join(dir, 'sentinel.conf');
    const lines = [
      `port ${port}`,
      `bind ${HOST}`,
      `dir ${dir}`,
      `sentinel monitor ${name} ${HOST} ${masterPort} ${options.quorum ?? 1}`,
      ...(options.downAfterMs === undefined ? [] : [`sentinel down-after-milliseconds ${name} ${options.downAfterMs}`]),
      ...(options.failoverTimeoutMs === undefined ? [] : [`sentinel failover-timeout ${name} ${options.failoverTimeoutMs}`]),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    return [file, '--sentinel'];
  });
  await server.start();
  return handle(server);
}

async function clusterStateOk(port: number): Promise<boolean> {
  const { stdout } = await run('redis-cli', ['-h', HOST, '-p', String(port), 'cluster', 'info']);
  return /cluster_state:ok/.test(stdout);
}

/** A Redis Cluster of `masters` masters and no replicas. Throws when it cannot be formed. */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const servers: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      // The cluster bus port defaults to port + 10000, which may be taken; pick a free one.
      const busPort = await freePort();
      const server = new RedisProcess(port, async (dir) => [
        ...baseArgs(port, dir),
        ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(busPort)],
      ]);
      servers.push(server);
      await server.start();
    }
    const addresses = servers.map((server) => `${HOST}:${server.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 20_000,
    });
    for (const server of servers) await waitFor(`cluster_state:ok on ${server.port}`, () => clusterStateOk(server.port));
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: servers.map((server) => ({ host: HOST, port: server.port })), stop };
}
