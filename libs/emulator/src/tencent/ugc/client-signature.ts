import { createHmac, timingSafeEqual } from 'node:crypto';
import { TENCENT_SIGNATURE_MAX_VALIDITY_SECONDS } from '../tencent.facts';
import type { KeyPair } from '../../core/options';
import { UGC_CODES, UgcRefusal } from './ugc-answers';

/** A verified client upload signature: its fields (secretId, procedure, sourceContext…) and the application it names. */
export interface VerifiedSignature {
  fields: Record<string, string>;
  subAppId: number;
}

export interface ClientSignatureOptions {
  keys: readonly KeyPair[];
  subAppIds: readonly number[];
  clock: () => number;
}

const INTEGER = /^\d{1,12}$/;

/**
 * Checks the signature vod-js-sdk-v6 and TXUGCPublish send (doc 266/9221): base64 of the 20 HMAC-SHA1
 * bytes of the "original" query string, keyed with the SecretKey of its secretId, followed by that
 * string; not expired, valid for at most 90 days, naming an application of the account, and used
 * once when it says oneTimeValid=1.
 */
export class ClientSignatures {
  /** One-time signatures already presented, until they would have expired anyway. */
  private readonly used = new Map<string, number>();

  constructor(private readonly options: ClientSignatureOptions) {}

  verify(value: unknown): VerifiedSignature {
    const invalid = (message: string) => new UgcRefusal(UGC_CODES.SIGNATURE_INVALID, message);
    if (typeof value !== 'string' || value.length === 0) throw invalid('signature is empty');
    const raw = Buffer.from(value, 'base64');
    if (raw.length <= 20) throw invalid('signature is malformed');
    const original = raw.subarray(20);
    const fields = Object.fromEntries(new URLSearchParams(original.toString('utf8')));
    const key = this.options.keys.find((candidate) => candidate.id === fields.secretId);
    if (!key) throw invalid('secretId is not found');
    if (!timingSafeEqual(createHmac('sha1', key.secret).update(original).digest(), raw.subarray(0, 20))) {
      throw invalid('signature verification failed');
    }

    if (![fields.currentTimeStamp, fields.expireTime, fields.random].every((field) => INTEGER.test(field ?? ''))) {
      throw invalid('currentTimeStamp, expireTime and random must be integers');
    }
    const current = Number(fields.currentTimeStamp);
    const expire = Number(fields.expireTime);
    if (expire <= current || expire - current > TENCENT_SIGNATURE_MAX_VALIDITY_SECONDS)
      throw invalid('signature validity must be at most 90 days');
    const now = Math.floor(this.options.clock() / 1000);
    if (now >= expire) throw new UgcRefusal(UGC_CODES.SIGNATURE_EXPIRED, 'signature expired');

    // The emulated account opened VOD after 2023-12-25: every upload names its application (as SubAppId does for the API).
    const subAppId = Number(fields.vodSubAppId);
    if (!this.options.subAppIds.includes(subAppId)) {
      throw new UgcRefusal(UGC_CODES.SUB_APP_INVALID, 'vodSubAppId is not an application of this account');
    }
    if (fields.oneTimeValid === '1') this.useOnce(value, expire, now);
    return { fields, subAppId };
  }

  private useOnce(signature: string, expire: number, now: number): void {
    for (const [used, until] of this.used) if (until <= now) this.used.delete(used);
    if (this.used.has(signature)) throw new UgcRefusal(UGC_CODES.SIGNATURE_USED, 'this one-time signature was already used');
    this.used.set(signature, expire);
  }
}
