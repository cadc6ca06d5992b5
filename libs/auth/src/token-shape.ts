import { ApiError } from '@app/common';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One part of a compact JWS as a JSON object, or undefined when it is anything else. */
function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks what jsonwebtoken does not before any key is looked up: header and payload must be JSON
 * objects in UTF-8 (its decode throws a bare SyntaxError, or passes a string payload through), and a
 * header with `crit` is refused, since we understand no JWS extension (RFC 7515 §4.1.11).
 * Throws 401 UNAUTHENTICATED.
 */
export function checkTokenShape(token: string): void {
  const [header, payload] = token.split('.');
  const decodedHeader = jsonObject(header);
  if (!decodedHeader || !jsonObject(payload ?? '')) throw ApiError.unauthenticated('The token is malformed or invalid.');
  if (decodedHeader.crit !== undefined) {
    throw ApiError.unauthenticated('The token header lists critical extensions (crit) this service does not support.');
  }
}
