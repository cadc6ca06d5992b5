import type { ProviderEmulator } from '../core/provider';
import type { EmulatorOptions } from '../core/options';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { AliyunGateway } from './gateway';
import { iceEmulator } from './ice-emulator';
import { AliyunMediaCatalog } from './media-catalog';
import { vodEmulator } from './vod-emulator';

/** Alibaba Cloud VOD (2017-03-21) and ICE (2020-11-09) emulators behind one signature-checking gateway. */
export function aliyunEmulators(options: EmulatorOptions, storage: EmulatedStorage, events?: UploadEvents): ProviderEmulator[] {
  const gateway = new AliyunGateway(options.aliyunKeys ?? []);
  // One view of the media both products made, told of every completed upload.
  const catalog = new AliyunMediaCatalog(storage, events);
  // The region the instance plays (its endpoint's): where an account's default storage is.
  const region = options.aliyunRegion;
  return [vodEmulator(gateway, storage, catalog, events, region), iceEmulator(gateway, storage, catalog, events, region)];
}
