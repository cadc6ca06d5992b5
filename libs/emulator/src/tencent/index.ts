import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../core/options';
import { TencentVodEmulator } from './vod-emulator';

export { EMULATED_SUB_APP_ID, TencentVodEmulator, type TencentVodEmulatorOptions } from './vod-emulator';

/** Tencent Cloud VOD (2018-07-17) emulator. */
export function tencentEmulators(options: EmulatorOptions): ProviderEmulator[] {
  return [new TencentVodEmulator({ keys: options.tencentKeys ?? [] })];
}
