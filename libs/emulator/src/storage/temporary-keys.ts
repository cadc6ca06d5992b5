import { randomBytes } from 'node:crypto';
import type { AliyunImsCompletion, AliyunVodCompletion } from '../core/upload-completion';

/** What a completed Alibaba object reports, known when its UploadAuth is issued. */
export type AliyunUploadTarget = Omit<AliyunVodCompletion, 'size' | 'completedAt'> | Omit<AliyunImsCompletion, 'size' | 'completedAt'>;

/** Where a temporary key may write: one bucket, these exact object keys (no leading slash). */
export interface KeyScope {
  bucket: string;
  objects: string[];
  /** COS: the bucket's region, for answers that name it. */
  region?: string;
}

export interface TemporaryKey {
  /** OSS AccessKeyId (`STS.…`) or COS SecretId (`AKID…`). */
  id: string;
  secret: string;
  /** x-oss-security-token / x-cos-security-token. */
  token: string;
  issuedAtMs: number;
  expiresAtMs: number;
  scope: KeyScope;
  /** Alibaba: the media the address belongs to, for the completion. */
  upload?: AliyunUploadTarget;
}

/** Expired keys are remembered this long (answered as expired), then forgotten (answered as unknown). */
const FORGET_AFTER_MS = 3_600_000;

/**
 * The temporary keys the emulator hands out (what STS does for VOD and ApplyUpload), so the
 * storage stand-ins accept exactly those, within their scope, until they expire.
 */
export class TemporaryKeys {
  private readonly keys = new Map<string, TemporaryKey>();
  private lifetimeOverrideSeconds: number | undefined;

  constructor(
    readonly clock: () => number = Date.now,
    lifetimeSeconds?: number,
  ) {
    this.setLifetime(lifetimeSeconds);
  }

  /** The lifetime of keys issued from now on: the override when set, else the provider's own. */
  lifetimeSeconds(providerDefault: number): number {
    return this.lifetimeOverrideSeconds ?? providerDefault;
  }

  setLifetime(seconds: number | undefined): void {
    if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 1 && seconds <= 43_200)) {
      throw new RangeError('credential lifetime must be whole seconds from 1 to 43200');
    }
    this.lifetimeOverrideSeconds = seconds;
  }

  /** Alibaba STS shape: AccessKeyId `STS.NU…`, SecurityToken `CAIS…`. */
  issueOss(scope: KeyScope, lifetimeSeconds: number, upload: AliyunUploadTarget): TemporaryKey {
    const id = `STS.NU${randomBytes(12).toString('base64url')}`;
    return this.add(
      id,
      randomBytes(24).toString('base64url'),
      `CAIS${randomBytes(48).toString('base64url')}`,
      scope,
      lifetimeSeconds,
      upload,
    );
  }

  /** Tencent STS shape: SecretId `AKID…`, a 32-character SecretKey, a long token. */
  issueCos(scope: KeyScope, lifetimeSeconds: number): TemporaryKey {
    return this.add(
      `AKID${randomBytes(16).toString('hex')}`,
      randomBytes(16).toString('hex'),
      randomBytes(48).toString('hex'),
      scope,
      lifetimeSeconds,
    );
  }

  find(id: string): TemporaryKey | undefined {
    return this.keys.get(id);
  }

  isExpired(key: TemporaryKey): boolean {
    return this.clock() >= key.expiresAtMs;
  }

  /** Every key issued so far expires now (a forced refresh); answers how many were live. */
  expireAll(): number {
    const now = this.clock();
    let live = 0;
    for (const key of this.keys.values()) {
      if (key.expiresAtMs > now) live += 1;
      key.expiresAtMs = Math.min(key.expiresAtMs, now);
    }
    return live;
  }

  private add(id: string, secret: string, token: string, scope: KeyScope, lifetimeSeconds: number, upload?: AliyunUploadTarget) {
    const now = this.clock();
    this.forgetStale(now);
    const key: TemporaryKey = { id, secret, token, issuedAtMs: now, expiresAtMs: now + lifetimeSeconds * 1000, scope, upload };
    this.keys.set(id, key);
    return key;
  }

  /** Keys are kept in issue order, close enough to expiry order to stop at the first one still wanted. */
  private forgetStale(now: number): void {
    for (const [id, key] of this.keys) {
      if (key.expiresAtMs + FORGET_AFTER_MS > now) break;
      this.keys.delete(id);
    }
  }
}
