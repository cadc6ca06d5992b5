import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '@app/emulator';
import { freePort } from '@app/testing';
import { type BenchChild, spawnChild } from './child-process';
import { EMULATOR_MAIN, ROOT } from './paths';
import { answers, waitUntil } from './wait-until';

export interface EmulatorProcess {
  process: BenchChild;
  url: string;
  aliyunKey: KeyPair;
  tencentKey: KeyPair;
  /** Latency added to every emulated cloud call from now on. */
  setLatency(ms: number): Promise<void>;
  /** Calls the emulator served, by `provider:operation`. */
  calls(): Promise<Record<string, number>>;
}

/** The standalone cloud emulator (built JS), with fresh key pairs it shares with the service and the SDK loops. */
export async function startEmulator(runDir: string): Promise<EmulatorProcess> {
  const aliyunKey = { id: `bench-ak-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  const tencentKey = { id: `bench-sid-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  const keysFile = join(runDir, 'emulator-keys.json');
  writeFileSync(keysFile, JSON.stringify({ aliyun: [aliyunKey], tencent: [tencentKey] }), { mode: 0o600 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnChild('cloud emulator', process.execPath, {
    args: [EMULATOR_MAIN, '--port', String(port), '--keys-file', keysFile],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    logFile: join(runDir, 'emulator.log'),
    cwd: ROOT,
  });
  await waitUntil('the cloud emulator', child, answers(`${url}/__emulator/calls`));
  return {
    process: child,
    url,
    aliyunKey,
    tencentKey,
    async setLatency(ms) {
      const response = await fetch(`${url}/__emulator/latency`, { method: 'PUT', body: JSON.stringify({ ms }) });
      if (response.status !== 204) throw new Error(`the emulator refused the latency setting (${response.status})`);
    },
    async calls() {
      return (await (await fetch(`${url}/__emulator/calls`)).json()) as Record<string, number>;
    },
  };
}
