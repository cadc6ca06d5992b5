import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../emulator';

/** Alibaba Cloud VOD (2017-03-21) and ICE (2020-11-09) emulators. */
export function aliyunEmulators(_options: EmulatorOptions): ProviderEmulator[] {
  return [];
}
