import type { KeyPair } from '@app/emulator';

/** The Tencent Cloud settings that point the service at the emulator. */
export function tencentTestEnv(_emulatorUrl: string, _key: KeyPair): Record<string, string> {
  return {};
}
