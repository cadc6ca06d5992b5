import { aliyunEmulators } from './aliyun';
import { EmulatorServer } from './core/emulator-server';
import type { EmulatorOptions } from './core/options';
import { UploadEvents } from './events/upload-events';
import type { ProviderEmulator } from './core/provider';
import { tencentEmulators } from './tencent';

export type { EmulatorOptions, KeyPair } from './core/options';

export interface RunningEmulator {
  url: string;
  server: EmulatorServer;
  /** The providers' completion events: tell it an upload finished, read what was sent. */
  events: UploadEvents;
  close(): Promise<void>;
}

function providers(options: EmulatorOptions, events: UploadEvents): ProviderEmulator[] {
  return [...aliyunEmulators(options, events), ...tencentEmulators(options, events)];
}

/** Starts the emulator in-process (tests, sandbox) on a free loopback port unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const events = new UploadEvents(options.events);
  const server = new EmulatorServer(providers(options, events), events);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, server, events, close: () => server.close() };
}
