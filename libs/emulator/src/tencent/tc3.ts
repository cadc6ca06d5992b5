import { createHash, createHmac } from 'node:crypto';

/**
 * TC3-HMAC-SHA256 as Tencent Cloud API 3.0 documents it (intl 1021/34193), written from the spec,
 * not from the SDK, so the emulator checks the SDK rather than agreeing with it by construction.
 */
export interface Tc3Input {
  method: string;
  path: string;
  query: string;
  /** Header name (lower case) → value, in the SignedHeaders order. */
  signedHeaders: [string, string][];
  body: Buffer | string;
  timestamp: number;
  service: string;
  secretKey: string;
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** UTC date of a Unix timestamp, YYYY-MM-DD: the credential scope's date. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3CanonicalRequest(input: Omit<Tc3Input, 'timestamp' | 'service' | 'secretKey'>): string {
  const headers = input.signedHeaders.map(([name, value]) => `${name}:${value.trim().toLowerCase()}\n`).join('');
  const names = input.signedHeaders.map(([name]) => name).join(';');
  return [input.method.toUpperCase(), input.path, input.query, headers, names, sha256Hex(input.body)].join('\n');
}

/** The lower-case hex signature of a request. */
export function tc3Signature(input: Tc3Input): string {
  const date = tc3Date(input.timestamp);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(tc3CanonicalRequest(input))].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}
