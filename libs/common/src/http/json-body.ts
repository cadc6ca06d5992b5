import { ApiError } from '../errors/api-error';
import { ErrorCode } from '../errors/error-codes';

/** Far deeper than any request we define; deep enough nesting overflows class-transformer's stack. */
export const MAX_JSON_DEPTH = 32;

const malformed = (detail: string) => new ApiError(400, ErrorCode.MALFORMED_JSON, detail);

/**
 * One pass over a parsed JSON body before anything else sees it: bounds the nesting, refuses
 * strings (keys included) with lone UTF-16 surrogates, which cannot be encoded, hashed or signed
 * faithfully, and drops `null` members: in this API null means "not given", for every field.
 */
export function normaliseJsonBody(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) throw malformed('The request body contains malformed Unicode (a lone surrogate).');
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) throw malformed(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  if (Array.isArray(value)) {
    for (const item of value) normaliseJsonBody(item, depth + 1);
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!key.isWellFormed()) throw malformed('The request body contains malformed Unicode (a lone surrogate).');
    if (object[key] === null) delete object[key];
    else normaliseJsonBody(object[key], depth + 1);
  }
  return object;
}
