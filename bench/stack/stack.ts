import { randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorProcess } from './emulator';
import { startRedis, type RedisProcess } from './redis';
import { startService, type ServiceProcess } from './service';
import { type EventSecrets, makeEventSecrets } from './service-env';

/** Redis, the emulator and the service, each its own process; secrets made up for this run. */
export interface Stack {
  runDir: string;
  redis: RedisProcess;
  emulator: EmulatorProcess;
  jwtSecret: string;
  /** The event receivers' secrets, shared with the scenarios that send events. */
  events: EventSecrets;
  /** The running service; replaced by restartService. */
  service: ServiceProcess;
  /** Stops the service and starts another, e.g. with another LOG_LEVEL or V8 heap limits (the variants). */
  restartService(label: string, settings: { logLevel: string; nodeArgs?: string[] }): Promise<ServiceProcess>;
  /** Stops everything that was started; safe to call twice, never throws. */
  stop(): Promise<void>;
}

export interface StackOptions {
  runDir: string;
  latencyMs: number;
  logLevel: string;
  profile: boolean;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    // The service first: it must not see its dependencies vanish under it and log a storm.
    for (const stopper of stoppers.splice(0).reverse()) await stopper().catch(() => undefined);
  };
  try {
    const redis = await startRedis();
    stoppers.push(() => redis.server.stop());
    const emulator = await startEmulator(options.runDir);
    stoppers.push(() => emulator.process.stop());
    await emulator.setLatency(options.latencyMs);
    const jwtSecret = randomBytes(48).toString('base64url');
    const encryptionKey = randomBytes(32).toString('base64');
    const events = makeEventSecrets();
    const serviceInput = {
      runDir: options.runDir,
      redisUrl: redis.server.url,
      emulator,
      jwtSecret,
      encryptionKey,
      events,
      profile: options.profile,
    };
    let service = await startService({ ...serviceInput, label: 'main', logLevel: options.logLevel });
    stoppers.push(() => service.process.stop(15_000));
    return {
      runDir: options.runDir,
      redis,
      emulator,
      jwtSecret,
      events,
      get service() {
        return service;
      },
      async restartService(label, settings) {
        await service.process.stop(15_000);
        service = await startService({ ...serviceInput, label, ...settings });
        return service;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
