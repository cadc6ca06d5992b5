import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../core/options';
import type { UploadEvents } from '../events/upload-events';
import { TencentVodEmulator } from './vod-emulator';

export { EMULATED_SUB_APP_ID, TencentVodEmulator, type TencentVodEmulatorOptions } from './vod-emulator';

/** Tencent Cloud VOD (2018-07-17) emulator. */
export function tencentEmulators(options: EmulatorOptions, events?: UploadEvents): ProviderEmulator[] {
  return [new TencentVodEmulator({ keys: options.tencentKeys ?? [], events, pullWaitMs: options.tencentPullWaitMs })];
}
