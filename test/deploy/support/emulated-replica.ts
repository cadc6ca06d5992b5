import { parseArgs } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@app/common';
import { loadServiceConfig } from '../../../apps/upload-api/src/providers';
import { type KeyPair, type RunningEmulator, startEmulator } from '@app/emulator';
import { createApp } from '../../../apps/upload-api/src/bootstrap/create-app';
import { prepareSandbox, type Sandbox } from '../../../apps/upload-api/src/sandbox/prepare-sandbox';
import { LogCapture } from '../../support/log-capture';

export interface EmulatedReplica {
  url: string;
  emulator: RunningEmulator;
  close(): Promise<void>;
}

export interface EmulatorService {
  /** The emulator's command in compose.yaml: node, its main file, then its flags. */
  command: string[];
  /** Its host names on the Compose network: endpoints naming them are pointed at the emulator started here. */
  hosts: string[];
  keys: { aliyun: KeyPair[]; tencent: KeyPair[] };
}

/**
 * The emulator profile of deploy/compose.yaml in this process: the emulator started as its command says (any
 * flag not mirrored here fails), and the replica booted as main.ts boots it (sandbox parts included) with the
 * environment Compose gives it, its endpoints pointed at that emulator.
 */
export async function startEmulatedReplica(emulatorService: EmulatorService, env: Record<string, string>): Promise<EmulatedReplica> {
  const { values } = parseArgs({
    args: emulatorService.command.slice(2),
    strict: true,
    options: { host: { type: 'string' }, port: { type: 'string' }, 'keys-file': { type: 'string' } },
  });
  const emulator = await startEmulator({
    aliyunKeys: emulatorService.keys.aliyun,
    tencentKeys: emulatorService.keys.tencent,
    // Timing only: PullEvents holds an empty call 0.2 s instead of Tencent's 5 s, so that nothing waits at the end.
    tencentPullWaitMs: 200,
  });
  const composeUrls = new Set(emulatorService.hosts.map((host) => `http://${host}:${values.port}`));
  const local = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, composeUrls.has(value) ? emulator.url : value]));
  const replicaEnv = { ...local, HOST: '127.0.0.1', PORT: '0' };

  const logger = createLogger({ level: 'info', destination: new LogCapture() });
  let sandbox: Sandbox | undefined;
  let app: NestFastifyApplication | undefined;
  try {
    sandbox = await prepareSandbox(replicaEnv, loadServiceConfig(replicaEnv), logger);
    app = await createApp(sandbox.config, { logger, sandbox: sandbox.services });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await sandbox?.close();
    await emulator.close();
    throw error;
  }
  const address = app.getHttpServer().address();
  const running = { app, sandbox };
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    emulator,
    close: async () => {
      await running.app.close();
      await running.sandbox.close();
      await emulator.close();
    },
  };
}
