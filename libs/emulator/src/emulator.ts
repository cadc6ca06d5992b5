import { aliyunEmulators } from './aliyun';
import { EmulatorServer } from './core/emulator-server';
import type { EmulatorOptions } from './core/options';
import type { ProviderEmulator } from './core/provider';
import { CosEmulator } from './cos/cos-emulator';
import { OssEmulator } from './oss/oss-emulator';
import { EmulatedStorage } from './storage/emulated-storage';
import { tencentEmulators } from './tencent';

export type { EmulatorOptions, KeyPair } from './core/options';

export interface RunningEmulator {
  url: string;
  server: EmulatorServer;
  /** The storage stand-ins' state: issued keys, stored objects, endpoints for clients. */
  storage: EmulatedStorage;
  close(): Promise<void>;
}

/** The cloud APIs first (matched by their action headers), then the storage stand-ins (by signature or path). */
function providers(options: EmulatorOptions, storage: EmulatedStorage): ProviderEmulator[] {
  return [...aliyunEmulators(options, storage), ...tencentEmulators(options, storage), new OssEmulator(storage), new CosEmulator(storage)];
}

/** Starts the emulator in-process (tests, sandbox) on a free loopback port unless told otherwise. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const storage = new EmulatedStorage({
    enabled: options.storage,
    credentialLifetimeSeconds: options.uploadCredentialLifetimeSeconds,
    maxUploadBodyBytes: options.maxUploadBodyBytes,
    maxStoredBytes: options.maxStoredBytes,
    onUploadCompleted: options.onUploadCompleted,
  });
  const server = new EmulatorServer(providers(options, storage), storage.controls());
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  storage.origin = url;
  return { url, server, storage, close: () => server.close() };
}
