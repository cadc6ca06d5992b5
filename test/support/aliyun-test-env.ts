import type { KeyPair } from '@app/emulator';

/** The Alibaba Cloud settings that point the service at the emulator. */
export function aliyunTestEnv(_emulatorUrl: string, _key: KeyPair): Record<string, string> {
  return {};
}
