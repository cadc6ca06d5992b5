import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';

/** Far deeper than any request we define; deep enough nesting overflows class-transformer's stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make
 * "clip\u202Egpj.exe" display as "clipexe.jpg". The marks U+200E/U+200F and zero-width characters
 * stay allowed: right-to-left scripts, Persian (ZWNJ) and emoji sequences (ZWJ) need them.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

const malformed = (detail: string) => new ApiError(400, ErrorCode.MALFORMED_JSON, detail);

function checkString(value: string, path: string): void {
  if (!value.isWellFormed()) throw malformed('The request body contains malformed Unicode (a lone surrogate).');
  if (BIDI_CONTROL.test(value)) {
    throw ApiError.validation([
      {
        field: path || '(body)',
        message: `${path || 'the body'} must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069)`,
      },
    ]);
  }
}

const member = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * One pass over a parsed JSON body before anything else sees it: bounds the nesting, refuses
 * strings (keys included) with lone UTF-16 surrogates, which cannot be encoded, hashed or signed
 * faithfully, or with bidirectional controls, and drops `null` members: in this API null means
 * "not given", for every field.
 */
export function normaliseJsonBody(value: unknown, depth = 0, path = ''): unknown {
  if (typeof value === 'string') {
    checkString(value, path);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) throw malformed(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  if (Array.isArray(value)) {
    value.forEach((item, index) => normaliseJsonBody(item, depth + 1, `${path}[${index}]`));
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    checkString(key, member(path, key));
    if (object[key] === null) delete object[key];
    else normaliseJsonBody(object[key], depth + 1, member(path, key));
  }
  return object;
}

/**
 * Whether some object in `json` (text JSON.parse accepted) names one key twice. JSON.parse keeps the
 * last silently; a proxy or WAF in front of us may read the first, so such a body is refused
 * (I-JSON, RFC 7493 §2.3). No JSON library we use reports duplicates, hence this scan: strings are
 * skipped whole, keys compared after unescaping.
 */
export function hasDuplicateKey(json: string): boolean {
  const objects: (Set<string> | undefined)[] = [];
  let expectingKey = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const keys = objects.at(-1);
      if (keys && expectingKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (keys.has(key)) return true;
        keys.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (char === '{') {
      objects.push(new Set());
      expectingKey = true;
    } else if (char === '[') {
      objects.push(undefined);
    } else if (char === '}' || char === ']') {
      objects.pop();
    } else if (char === ',') {
      expectingKey = objects.at(-1) !== undefined;
    }
  }
  return false;
}
