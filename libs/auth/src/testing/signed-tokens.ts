import { createHmac, createSign, type KeyObject } from 'node:crypto';

export type Signing =
  { alg: 'HS256' | 'HS384' | 'HS512'; secret: string } | { alg: 'RS256' | 'PS256' | 'ES256'; key: KeyObject } | 'empty' | 'garbage';

/** A JSON value as a token part; a string is sent as this very text, so a test can send what no encoder would (a BOM, bad JSON). */
export const tokenPart = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function sign(input: string, signing: Exclude<Signing, string>): string {
  const hash = `sha${signing.alg.slice(2)}`;
  if ('secret' in signing) return createHmac(hash, signing.secret).update(input).digest('base64url');
  const options =
    signing.alg === 'PS256'
      ? { key: signing.key, padding: 6, saltLength: 32 }
      : { key: signing.key, dsaEncoding: signing.alg === 'ES256' ? ('ieee-p1363' as const) : undefined };
  return createSign(hash).update(input).sign(options).toString('base64url');
}

/** A compact JWS of these parts, signed with node:crypto directly (independent of any JWT library). */
export function signedToken(header: unknown, payload: unknown, signing: Signing): string {
  const input = `${tokenPart(header)}.${tokenPart(payload)}`;
  if (signing === 'empty') return `${input}.`;
  if (signing === 'garbage') return `${input}.c2lnbmF0dXJl`;
  return `${input}.${sign(input, signing)}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The same token with its signature spelled otherwise: the lowest bit of the last character, which
 * carries no signature bit when the signature's length is not a multiple of 3 bytes (HS256, HS512,
 * RS256 with 2048-bit keys, ES256), flipped. Lenient decoders read the same bytes.
 */
export function respelled(token: string): string {
  const last = BASE64URL.indexOf(token.at(-1)!);
  return `${token.slice(0, -1)}${BASE64URL[last ^ 1]}`;
}
