import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Everything still running is killed when the orchestrator exits, whatever the way out. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

export interface BenchChild {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Set once the process exited, with its code or signal. */
  exit: string | undefined;
  /** The last lines it wrote (stdout and stderr go to one log file). */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  args: string[];
  env: Record<string, string>;
  logFile: string;
  cwd: string;
  /** Open an IPC channel (the SDK loop is driven through it). */
  ipc?: boolean;
}

/**
 * A process of the benchmark (emulator, service, SDK loop) with its output in a file: the service
 * writes a log line per request, which must not cost the orchestrator (and its load generator) CPU.
 */
export function spawnChild(name: string, command: string, options: SpawnOptions): BenchChild {
  const log = openSync(options.logFile, 'w');
  const child = spawn(command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log, ...(options.ipc ? (['ipc'] as const) : [])],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`${name} could not be started`);
  live.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      handle.exit = signal ?? `code ${code}`;
      resolve();
    });
  });
  const handle: BenchChild = {
    name,
    pid: child.pid,
    child,
    exit: undefined,
    logTail: (lines = 20) => tailOf(options.logFile, lines),
    async stop(graceMs = 5_000) {
      if (handle.exit !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return handle;
}

/** The last lines of a file, reading only its end (a service log grows by hundreds of MB per run). */
export function tailOf(file: string, lines: number): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Throws, with the process's last output, when it has died. */
export function assertAlive(child: BenchChild): void {
  if (child.exit !== undefined) throw new Error(`${child.name} exited (${child.exit}); last output:\n${child.logTail()}`);
}
