import { createHmac, createSign, type KeyObject } from 'node:crypto';

/** Signs JWTs with node:crypto directly, independent of the library under test. */
const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export type Signer =
  | { alg: 'none' }
  | { alg: 'HS256' | 'HS384' | 'HS512'; secret: string | Buffer }
  | { alg: 'RS256' | 'ES256' | 'PS256'; key: KeyObject | string };

export function signJwt(payload: Record<string, unknown>, signer: Signer, header: Record<string, unknown> = {}): string {
  const head = b64url({ alg: signer.alg, typ: 'JWT', ...header });
  const body = b64url(payload);
  const input = `${head}.${body}`;
  switch (signer.alg) {
    case 'none':
      return `${input}.`;
    case 'HS256':
    case 'HS384':
    case 'HS512':
      return `${input}.${createHmac(`sha${signer.alg.slice(2)}`, signer.secret)
        .update(input)
        .digest('base64url')}`;
    case 'RS256':
      return `${input}.${createSign('sha256').update(input).sign(signer.key).toString('base64url')}`;
    case 'PS256':
      return `${input}.${createSign('sha256')
        .update(input)
        .sign({ key: signer.key as KeyObject, padding: 6, saltLength: 32 })
        .toString('base64url')}`;
    case 'ES256':
      return `${input}.${createSign('sha256')
        .update(input)
        .sign({ key: signer.key as KeyObject, dsaEncoding: 'ieee-p1363' })
        .toString('base64url')}`;
  }
}

export const now = () => Math.floor(Date.now() / 1000);

/** Claims of a good token for `sub`, valid for an hour. */
export function claims(sub: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub, iat: now(), exp: now() + 3600, ...extra };
}
