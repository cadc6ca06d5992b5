import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../core/options';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { UgcEmulator } from './ugc/ugc-emulator';
import { EMULATED_SUB_APP_ID, TencentVodEmulator } from './vod-emulator';
import { VodMedia } from './vod-media';

export { EMULATED_SUB_APP_ID, TencentVodEmulator, type TencentVodEmulatorOptions } from './vod-emulator';
export { DEFAULT_MEDIA_BYTES, VodMedia } from './vod-media';

/** Tencent Cloud VOD (2018-07-17) and its client upload API (vod-js-sdk-v6), sharing the account's keys. */
export function tencentEmulators(options: EmulatorOptions, storage: EmulatedStorage, events?: UploadEvents): ProviderEmulator[] {
  const keys = options.tencentKeys ?? [];
  const subAppIds = [EMULATED_SUB_APP_ID];
  // One account: a file committed through either upload API is what DescribeMediaInfos and DeleteMedia see.
  const media = new VodMedia({ storage, subAppIds, clock: storage.keys.clock });
  events?.onTencentFileUploaded((fileId, mediaUrl, size) => media.uploaded(fileId, mediaUrl, size));
  return [
    new TencentVodEmulator({ keys, subAppIds, storage, events, media, pullWaitMs: options.tencentPullWaitMs }),
    new UgcEmulator({ keys, subAppIds, storage, media }),
  ];
}
