import { once } from 'node:events';
import { join } from 'node:path';
import { CpuWindow } from '../metrics/cpu-window';
import { peakRssBytes } from '../metrics/proc';
import type { Figures } from '../report/figures';
import { spawnChild } from '../stack/child-process';
import type { EmulatorProcess } from '../stack/emulator';
import { ROOT } from '../stack/paths';
import type { FromLoop, SdkLoopProvider, ToLoop } from './protocol';

export interface LoopOptions {
  runDir: string;
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
}

const TITLES: Record<SdkLoopProvider, string> = {
  aliyun: 'bare SDK: Alibaba callApi CreateUploadVideo',
  tencent: 'bare SDK: Tencent ApplyUpload',
};

/** Runs the bare SDK loop for `provider` in its own process and reads that process's CPU time around the measured part. */
export async function measureSdkLoop(provider: SdkLoopProvider, emulator: EmulatorProcess, options: LoopOptions): Promise<Figures> {
  const loop = spawnChild(`SDK loop (${provider})`, process.execPath, {
    args: ['-r', '@swc-node/register', join(__dirname, 'main.ts')],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    logFile: join(options.runDir, `sdk-loop-${provider}.log`),
    cwd: ROOT,
    ipc: true,
  });
  const exited = new Promise<never>((_, reject) =>
    loop.child.once('exit', () => reject(new Error(`SDK loop (${provider}) exited (${loop.exit}):\n${loop.logTail()}`))),
  );
  exited.catch(() => undefined);
  // The loop speaks only when told to (start, go), so listening right after sending misses nothing.
  const next = async <T extends FromLoop['type']>(type: T): Promise<Extract<FromLoop, { type: T }>> => {
    const [message] = (await Promise.race([once(loop.child, 'message'), exited])) as [FromLoop];
    if (message.type !== type) throw new Error(`SDK loop said ${message.type}, expected ${type}`);
    return message as Extract<FromLoop, { type: T }>;
  };
  const send = (message: ToLoop) => loop.child.send(message);

  try {
    send({
      type: 'start',
      provider,
      emulatorUrl: emulator.url,
      key: provider === 'aliyun' ? emulator.aliyunKey : emulator.tencentKey,
      concurrency: options.concurrency,
      warmupMs: options.warmupSeconds * 1000,
      durationMs: options.durationSeconds * 1000,
    });
    await next('warm');
    const cpu = new CpuWindow({ loop: loop.pid, emulator: emulator.process.pid });
    cpu.start();
    send({ type: 'go' });
    const done = await next('done');
    const spent = cpu.stop();
    const perCall = (micros: number) => micros / Math.max(1, done.calls);
    return {
      id: `h-${provider}`,
      title: TITLES[provider],
      subject: 'sdk-loop',
      connections: options.concurrency,
      seconds: done.seconds,
      completed: done.calls,
      requestsPerSecond: done.calls / done.seconds,
      p50Ms: done.latency.p50,
      p99Ms: done.latency.p99,
      cpuMicrosPerRequest: perCall(spent.loop),
      peakRssBytes: peakRssBytes(loop.pid),
      otherCpuMicrosPerRequest: { emulator: perCall(spent.emulator) },
      upstreamCallsPerRequest: 1,
      unexpected: done.failures,
      statuses: {},
      note: done.firstFailure && `first failure: ${done.firstFailure}`,
    };
  } finally {
    await loop.stop(2_000);
  }
}
