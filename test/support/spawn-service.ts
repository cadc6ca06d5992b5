import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolves with the port once the service logs that it listens. */
  listening: Promise<number>;
}

/**
 * Runs apps/upload-api/src/main.ts as its own process, as `npm start` would, with the given
 * environment only, in `cwd` (the repository by default; the sandbox writes .sandbox/ there).
 */
export function spawnService(env: Record<string, string>, cwd = ROOT): ServiceProcess {
  const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(ROOT, 'apps/upload-api/src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /"port":(\d+),.*"msg":"listening"/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`service exited before listening: ${err}`)));
  });
  listening.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited, listening };
}
