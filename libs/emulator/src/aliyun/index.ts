import type { ProviderEmulator } from '../core/provider';
import type { UploadEvents } from '../events/upload-events';
import type { EmulatorOptions } from '../core/options';
import { AliyunGateway } from './gateway';
import { iceEmulator } from './ice-emulator';
import { vodEmulator } from './vod-emulator';

/** Alibaba Cloud VOD (2017-03-21) and ICE (2020-11-09) emulators behind one signature-checking gateway. */
export function aliyunEmulators(options: EmulatorOptions, events?: UploadEvents): ProviderEmulator[] {
  const gateway = new AliyunGateway(options.aliyunKeys ?? []);
  return [vodEmulator(gateway, events), iceEmulator(gateway, events)];
}
