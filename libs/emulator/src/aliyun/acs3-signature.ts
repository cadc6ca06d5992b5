import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// ACS3-HMAC-SHA256 written from the published algorithm ("V3 request structure and signature"),
// not from openapi-util, so a signing bug on the client side shows up as a refusal here.

export const ALGORITHM = 'ACS3-HMAC-SHA256';
const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/;

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = header ? AUTHORIZATION.exec(header) : null;
  if (!match) return undefined;
  return { accessKeyId: match[1], signedHeaders: match[2].split(';'), signature: match[3] };
}

/** RFC 3986 percent-encoding: encodeURIComponent plus ! ' ( ) *. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SignableRequest {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  hashedPayload: string;
}

export function canonicalRequest(request: SignableRequest): string {
  const canonicalQuery = [...request.query]
    .map(([key, value]) => [percentEncode(key), percentEncode(value)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = request.signedHeaders
    .map((name) => {
      const value = request.headers[name];
      return `${name}:${(Array.isArray(value) ? value.join(',') : (value ?? '')).trim()}\n`;
    })
    .join('');
  return [request.method, request.path, canonicalQuery, canonicalHeaders, request.signedHeaders.join(';'), request.hashedPayload].join(
    '\n',
  );
}

export function sign(secret: string, request: SignableRequest): string {
  const stringToSign = `${ALGORITHM}\n${createHash('sha256').update(canonicalRequest(request)).digest('hex')}`;
  return createHmac('sha256', secret).update(stringToSign).digest('hex');
}

export function signaturesMatch(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
