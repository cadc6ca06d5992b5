import type { UploadEventsOptions } from '../events/upload-events';

/** An access key pair the emulator accepts, and that the service is configured with. */
export interface KeyPair {
  id: string;
  secret: string;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Alibaba Cloud AccessKey pairs the VOD/ICE emulators accept. */
  aliyunKeys?: KeyPair[];
  /** Tencent Cloud SecretId/SecretKey pairs the VOD emulator accepts. */
  tencentKeys?: KeyPair[];
  /** How completion events are signed and where they go. */
  events?: UploadEventsOptions;
  /** How long PullEvents holds a call with nothing to hand out; Tencent's 5 s by default. */
  tencentPullWaitMs?: number;
}
