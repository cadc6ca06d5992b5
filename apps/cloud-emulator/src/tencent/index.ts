import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../emulator';

/** Tencent Cloud VOD (2018-07-17) emulator. */
export function tencentEmulators(_options: EmulatorOptions): ProviderEmulator[] {
  return [];
}
