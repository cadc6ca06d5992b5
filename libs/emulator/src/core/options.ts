import type { UploadEventsOptions } from '../events/upload-events';
import type { UploadCompletionHook } from './upload-completion';

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
  /**
   * The Alibaba region this instance plays, as `vod.<region>.aliyuncs.com` does (cn-shanghai by default): an
   * upload without a StorageLocation goes to the account's storage there (`outin-….oss-<region>.aliyuncs.com`).
   */
  aliyunRegion?: string;
  /** Tencent Cloud SecretId/SecretKey pairs the VOD emulator (and its client upload API) accepts. */
  tencentKeys?: KeyPair[];
  /**
   * Uploads go to the emulator (the sandbox): UploadAddress.Endpoint is the emulator's origin, and
   * Tencent CommitUpload answers ResourceNotFound until the COS stand-in holds the media (and cover).
   * Off: addresses name the real OSS endpoint and a commit needs no upload. The OSS, COS and client
   * upload stand-ins answer either way, for the credentials this emulator issued.
   */
  storage?: boolean;
  /**
   * Lifetime of the temporary upload credentials issued from now on (Alibaba UploadAuth, Tencent
   * TempCertificate); default the providers' own (3000 s and 3600 s). Changeable while running
   * (`PUT /__emulator/credential-lifetime`).
   */
  uploadCredentialLifetimeSeconds?: number;
  /** Largest PutObject or part body the storage stand-ins accept; default 64 MiB. */
  maxUploadBodyBytes?: number;
  /** Bytes each storage stand-in keeps; the oldest objects are forgotten past it. Default 128 MiB. */
  maxStoredBytes?: number;
  /** Called once per completed upload, besides the provider's event going out. */
  onUploadCompleted?: UploadCompletionHook;
  /** How completion events are signed and where they go. */
  events?: UploadEventsOptions;
  /** How long PullEvents holds a call with nothing to hand out; Tencent's 5 s by default. */
  tencentPullWaitMs?: number;
}
