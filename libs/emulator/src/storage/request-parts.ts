import { createHash, timingSafeEqual } from 'node:crypto';
import type { EmulatorRequestHead } from '../core/provider';

/** A header's (first) value. */
export function headerValue(request: EmulatorRequestHead, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The object key a path names: percent-decoded, without the leading slash; undefined when it cannot be decoded. */
export function objectKeyOf(path: string): string | undefined {
  try {
    return decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    return undefined;
  }
}

/** Whether a Content-MD5 header, when sent, matches the body. */
export function contentMd5Matches(request: EmulatorRequestHead, body: Buffer): boolean {
  const given = headerValue(request, 'content-md5');
  return given === undefined || given === createHash('md5').update(body).digest('base64');
}

export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
