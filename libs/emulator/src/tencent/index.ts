import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../core/options';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { UgcEmulator } from './ugc/ugc-emulator';
import { EMULATED_SUB_APP_ID, TencentVodEmulator } from './vod-emulator';

export { EMULATED_SUB_APP_ID, TencentVodEmulator, type TencentVodEmulatorOptions } from './vod-emulator';

/** Tencent Cloud VOD (2018-07-17) and its client upload API (vod-js-sdk-v6), sharing the account's keys. */
export function tencentEmulators(options: EmulatorOptions, storage: EmulatedStorage, events?: UploadEvents): ProviderEmulator[] {
  const keys = options.tencentKeys ?? [];
  return [
    new TencentVodEmulator({ keys, storage, events, pullWaitMs: options.tencentPullWaitMs }),
    new UgcEmulator({ keys, subAppIds: [EMULATED_SUB_APP_ID], storage }),
  ];
}
