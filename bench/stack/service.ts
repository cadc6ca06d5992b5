import { join } from 'node:path';
import { peakRssBytes } from '../metrics/proc';
import { freePort } from '@app/testing';
import { type BenchChild, spawnChild } from './child-process';
import type { EmulatorProcess } from './emulator';
import { SERVICE_MAIN } from './paths';
import { type EventSecrets, extraNodeArgs, serviceEnv } from './service-env';
import { answers, waitUntil } from './wait-until';

export interface ServiceProcess {
  process: BenchChild;
  url: string;
  /** The highest VmHWM seen over the process's life, start-up included; call before each VmHWM reset. */
  observePeakRss(): number;
}

export interface StartServiceInput {
  runDir: string;
  /** Distinguishes the log (and profile) files of several service runs. */
  label: string;
  redisUrl: string;
  emulator: EmulatorProcess;
  jwtSecret: string;
  encryptionKey: string;
  logLevel: string;
  events: EventSecrets;
  /** Node options of a variant run (e.g. V8 heap limits); the main run has none, as production. */
  nodeArgs?: string[];
  profile: boolean;
}

/** `node dist/apps/upload-api/src/main.js`, as `npm run start:prod` runs it, its stdout (the JSON log) in a file. */
export async function startService(input: StartServiceInput): Promise<ServiceProcess> {
  const port = await freePort();
  const profileArgs = input.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${join(input.runDir, 'profiles')}`, `--cpu-prof-name=service-${input.label}.cpuprofile`]
    : [];
  const child = spawnChild(`service (${input.label})`, process.execPath, {
    args: [...profileArgs, ...(input.nodeArgs ?? []), ...extraNodeArgs(), SERVICE_MAIN],
    env: serviceEnv({ ...input, port }),
    logFile: join(input.runDir, `service-${input.label}.log`),
    // Not the repository: a developer's .env there would be read into the configuration.
    cwd: input.runDir,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('the service', child, answers(`${url}/readyz`));
  let lifetimePeak = 0;
  const observePeakRss = () => {
    if (child.exit === undefined) lifetimePeak = Math.max(lifetimePeak, peakRssBytes(child.pid));
    return lifetimePeak;
  };
  observePeakRss();
  return { process: child, url, observePeakRss };
}
