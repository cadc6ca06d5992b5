import { ErrorCode, type Refusal } from '@app/common';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type JsonObject = Record<string, unknown>;

export interface ParsedToken {
  header: JsonObject;
  payload: JsonObject;
}

export const tokenRefusal = (detail: string): Refusal => ({
  status: 401,
  code: ErrorCode.UNAUTHENTICATED,
  detail,
  headers: { 'www-authenticate': 'Bearer' },
});

const MALFORMED = tokenRefusal('The token is malformed or invalid.');
const CRITICAL = tokenRefusal('The token header lists critical extensions (crit) this service does not support.');

/** One part of a compact JWS as a JSON object, or undefined when it is anything else. */
function jsonObject(part: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Headers repeat (one issuer, one key id): each distinct one is parsed once. Bounded, so forged variety cannot grow it. */
type HeaderVerdict = { header: JsonObject; refusal?: undefined } | { header?: undefined; refusal: Refusal };
const HEADERS = new Map<string, HeaderVerdict>();
const MAX_HEADERS = 64;

function parseHeader(part: string): HeaderVerdict {
  let verdict = HEADERS.get(part);
  if (verdict === undefined) {
    const decoded = jsonObject(part);
    verdict = !decoded ? { refusal: MALFORMED } : decoded.crit !== undefined ? { refusal: CRITICAL } : { header: Object.freeze(decoded) };
    if (HEADERS.size < MAX_HEADERS) HEADERS.set(part, verdict);
  }
  return verdict;
}

/**
 * Header and payload of a compact JWS, checked for what jsonwebtoken does not check before any key
 * is looked up: both must be JSON objects in UTF-8 (its decode throws a bare SyntaxError, or passes
 * a string payload through), and a header with `crit` is refused, since we understand no JWS
 * extension (RFC 7515 §4.1.11). Else the refusal (401 UNAUTHENTICATED).
 */
export function parseToken(token: string): { token: ParsedToken; refusal?: undefined } | { token?: undefined; refusal: Refusal } {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  const { header, refusal } = parseHeader(first < 0 ? token : token.slice(0, first));
  if (refusal) return { refusal };
  const payload = first < 0 ? undefined : jsonObject(second < 0 ? token.slice(first + 1) : token.slice(first + 1, second));
  if (!payload) return { refusal: MALFORMED };
  return { token: { header: header, payload } };
}
