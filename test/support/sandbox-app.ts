import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@app/common';
import { loadServiceConfig } from '../../apps/upload-api/src/providers';
import type { RunningEmulator } from '@app/emulator';
import { createApp } from '../../apps/upload-api/src/bootstrap/create-app';
import { prepareSandbox } from '../../apps/upload-api/src/sandbox/prepare-sandbox';

export interface SandboxApp {
  app: NestFastifyApplication;
  url: string;
  /** The in-process emulator: its stores hold what the SDKs uploaded. */
  emulator: RunningEmulator;
  close(): Promise<void>;
}

/**
 * What `npm start` runs with no configuration, in this process: the sandbox (emulator with its
 * stand-ins, webhook sink, development secret kept in a temporary directory) and the app on it;
 * `settings` add to its environment (a small size limit...).
 */
export async function startSandboxApp(settings: Record<string, string> = {}): Promise<SandboxApp> {
  const directory = mkdtempSync(join(tmpdir(), 'upload-bff-sandbox-'));
  const env = { NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...settings };
  const logger = createLogger({ level: 'error' });
  const sandbox = await prepareSandbox(env, loadServiceConfig(env), logger, { directory });
  if (!sandbox.emulator) throw new Error('the sandbox did not start its emulator');
  const app = await createApp(sandbox.config, { logger, sandbox: sandbox.services });
  const { port, host } = sandbox.config.http;
  await app.listen({ port, host });
  return {
    app,
    url: `http://${host}:${port}`,
    emulator: sandbox.emulator,
    close: async () => {
      await app.close();
      await sandbox.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
