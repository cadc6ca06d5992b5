import type { ControlRoute, EmulatorResponse } from '../core/provider';
import type { UploadCompletion, UploadCompletionHook } from '../core/upload-completion';
import { ObjectStore } from './object-store';
import { TemporaryKeys } from './temporary-keys';

export interface EmulatedStorageOptions {
  /** Uploads go to the emulator (see EmulatorOptions.storage). */
  enabled?: boolean;
  credentialLifetimeSeconds?: number;
  maxUploadBodyBytes?: number;
  maxStoredBytes?: number;
  onUploadCompleted?: UploadCompletionHook;
  clock?: () => number;
}

/** Where an SDK reaches the stand-ins: what GET /v1/sandbox tells a client. */
export interface StorageEndpoints {
  /** ali-oss `endpoint` (also UploadAddress.Endpoint). */
  oss: { endpoint: string };
  /** cos-js-sdk-v5 / cos-nodejs-sdk-v5 `Domain` (with its scheme: no `Protocol` needed). */
  cos: { domain: string };
  /** Where vod-js-sdk-v6's https://vod2.qcloud.com requests must go instead. */
  vodUgc: { origin: string };
}

const MiB = 1024 * 1024;
const OSS_DIALECT = { etag: (md5: Buffer) => `"${md5.toString('hex').toUpperCase()}"`, minPartBytes: 100 * 1024, maxParts: 10_000 };
const COS_DIALECT = { etag: (md5: Buffer) => `"${md5.toString('hex')}"`, minPartBytes: MiB, maxParts: 10_000 };

/**
 * What the API emulators (which issue upload credentials) and the storage stand-ins (which check
 * them) share: the temporary keys, the stored objects, the emulator's origin and the completion hook.
 */
export class EmulatedStorage {
  readonly keys: TemporaryKeys;
  readonly oss: ObjectStore;
  readonly cos: ObjectStore;
  readonly enabled: boolean;
  readonly maxUploadBodyBytes: number;
  /** Set once the server listens. */
  origin: string | undefined;

  constructor(private readonly options: EmulatedStorageOptions = {}) {
    this.enabled = options.enabled ?? false;
    this.keys = new TemporaryKeys(options.clock, options.credentialLifetimeSeconds);
    this.maxUploadBodyBytes = options.maxUploadBodyBytes ?? 64 * MiB;
    const maxStoredBytes = options.maxStoredBytes ?? 128 * MiB;
    this.oss = new ObjectStore(OSS_DIALECT, maxStoredBytes);
    this.cos = new ObjectStore(COS_DIALECT, maxStoredBytes);
  }

  /** UploadAddress.Endpoint: this emulator when uploads go to it, else the region's real OSS endpoint. */
  ossEndpoint(region: string): string {
    return this.enabled && this.origin ? this.origin : `https://oss-${region}.aliyuncs.com`;
  }

  endpoints(): StorageEndpoints | undefined {
    if (!this.enabled || !this.origin) return undefined;
    return { oss: { endpoint: this.origin }, cos: { domain: this.origin }, vodUgc: { origin: this.origin } };
  }

  /** Tells the hook, without delaying or failing the stand-in's answer (a throwing or rejecting hook is ignored). */
  completed(completion: UploadCompletion): void {
    const hook = this.options.onUploadCompleted;
    if (hook)
      void Promise.resolve(completion)
        .then(hook)
        .catch(() => undefined);
  }

  /** /__emulator/ routes: the lifetime of credentials issued from now on, and expiring every issued one. */
  controls(): ControlRoute[] {
    return [
      {
        method: 'PUT',
        action: 'credential-lifetime',
        handle: (body) => {
          if (typeof body !== 'object' || body === null)
            return { status: 400, body: { Code: 'InvalidLifetime', Message: 'Send {"seconds": n}.' } };
          const { seconds } = body as { seconds?: unknown };
          try {
            this.keys.setLifetime(seconds === null || seconds === undefined ? undefined : Number(seconds));
          } catch (error) {
            return { status: 400, body: { Code: 'InvalidLifetime', Message: (error as Error).message } };
          }
          return { status: 204, body: null };
        },
      },
      {
        method: 'POST',
        action: 'credentials/expire',
        handle: (): EmulatorResponse => ({ status: 200, body: { expired: this.keys.expireAll() } }),
      },
    ];
  }
}
