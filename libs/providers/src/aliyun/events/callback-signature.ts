import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '@app/common';

/**
 * Alibaba's HTTP callback authentication (VOD "HTTP callback authentication"; ICE the same with its own
 * headers): `X-<P>-SIGNATURE` = lowercase hex MD5 of `CallbackURL|X-<P>-TIMESTAMP|AuthKey`, the timestamp
 * 10-digit Unix seconds. The signature does not cover the body, so a stale timestamp is refused.
 */
export interface CallbackCheck {
  /** `vod` or `ice`: the header prefix. */
  product: 'vod' | 'ice';
  callbackUrl: string;
  /** The current key first, then a previous one during a rotation. */
  keys: readonly string[];
  maxSkewSeconds: number;
  nowMs?: number;
}

const refused = (detail: string) => ApiError.unauthenticated(detail);

/** 401 for a signature none of the keys made (or made with a key not meant for the upload's region). */
export const invalidSignature = () => refused('The callback signature is invalid.');

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Throws 401 unless the callback is signed with one of the keys, recently. Never says which key. */
export function verifyCallback(headers: IncomingHttpHeaders, check: CallbackCheck): void {
  const prefix = `x-${check.product}`;
  const timestamp = header(headers, `${prefix}-timestamp`);
  const signature = header(headers, `${prefix}-signature`);
  if (!timestamp || !signature) throw refused(`The callback is not signed (X-${check.product.toUpperCase()}-TIMESTAMP and -SIGNATURE).`);
  if (!/^\d{10}$/.test(timestamp) || !/^[0-9a-f]{32}$/.test(signature)) throw refused('The callback signature is malformed.');
  const skew = Math.abs((check.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (skew > check.maxSkewSeconds) throw refused('The callback timestamp is too far from our clock.');
  const given = Buffer.from(signature, 'hex');
  const valid = check.keys.some((key) => timingSafeEqual(given, md5(`${check.callbackUrl}|${timestamp}|${key}`)));
  if (!valid) throw invalidSignature();
}

function md5(text: string): Buffer {
  // MD5 is the provider's choice for this scheme, not ours.
  return createHash('md5').update(text, 'utf8').digest();
}
