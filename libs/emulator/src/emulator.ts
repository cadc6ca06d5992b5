import { aliyunEmulators } from './aliyun';
import { EmulatorServer } from './core/emulator-server';
import type { EmulatorOptions } from './core/options';
import type { ProviderEmulator } from './core/provider';
import { tencentEmulators } from './tencent';

export type { EmulatorOptions, KeyPair } from './core/options';

export interface RunningEmulator {
  url: string;
  server: EmulatorServer;
  close(): Promise<void>;
}

function providers(options: EmulatorOptions): ProviderEmulator[] {
  return [...aliyunEmulators(options), ...tencentEmulators(options)];
}

/** Starts the emulator in-process (tests, sandbox) on a free loopback port unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const server = new EmulatorServer(providers(options));
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, server, close: () => server.close() };
}
