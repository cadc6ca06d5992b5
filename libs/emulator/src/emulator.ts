import { aliyunEmulators } from './aliyun';
import { EmulatorServer } from './core/emulator-server';
import type { EmulatorOptions } from './core/options';
import type { ProviderEmulator } from './core/provider';
import { CosEmulator } from './cos/cos-emulator';
import { uploadEventControls } from './events/upload-event-controls';
import { UploadEvents } from './events/upload-events';
import { OssEmulator } from './oss/oss-emulator';
import { EmulatedStorage } from './storage/emulated-storage';
import { tencentEmulators } from './tencent';

export type { EmulatorOptions, KeyPair } from './core/options';

export interface RunningEmulator {
  url: string;
  server: EmulatorServer;
  /** The providers' completion events: tell it an upload finished, read what was sent. */
  events: UploadEvents;
  /** The storage stand-ins' state: issued keys, stored objects, endpoints for clients. */
  storage: EmulatedStorage;
  close(): Promise<void>;
}

/** The cloud APIs first (matched by their action headers), then the storage stand-ins (by signature or path). */
function providers(options: EmulatorOptions, storage: EmulatedStorage, events: UploadEvents): ProviderEmulator[] {
  return [
    ...aliyunEmulators(options, storage, events),
    ...tencentEmulators(options, storage, events),
    new OssEmulator(storage),
    new CosEmulator(storage),
  ];
}

/** Starts the emulator in-process (tests, sandbox) on a free loopback port unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const events = new UploadEvents(options.events);
  const storage = new EmulatedStorage({
    enabled: options.storage,
    credentialLifetimeSeconds: options.uploadCredentialLifetimeSeconds,
    maxUploadBodyBytes: options.maxUploadBodyBytes,
    maxStoredBytes: options.maxStoredBytes,
    // Every completed upload becomes the provider's event (a signed callback, or NewFileUpload), and is told to the caller.
    onUploadCompleted: (completion) =>
      Promise.allSettled([events.uploadCompleted(completion), Promise.resolve(completion).then(options.onUploadCompleted)]),
  });
  const emulators = providers(options, storage, events);
  const controls = [...storage.controls(), ...uploadEventControls(events), ...emulators.flatMap((emulator) => emulator.controls?.() ?? [])];
  const server = new EmulatorServer(emulators, controls);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  storage.origin = url;
  return { url, server, events, storage, close: () => server.close() };
}
