import type { UpstreamOperation } from '@app/upstream';

export type AliyunProduct = 'vod' | 'ice';

/** Our field for a provider parameter, or null when the server owns the parameter (its refusal is our fault: 502). */
export type FieldMap = Record<string, string | null>;

/**
 * One operation of VOD or ICE, called through openapi-client's callApi as the generated SDK does:
 * RPC style, every parameter in the query. The request and answer mirror the generated models.
 */
export interface AliyunOperation<Request, Result extends { requestId: string }> extends UpstreamOperation {
  product: AliyunProduct;
  version: string;
  /** Provider parameters (also dotted JSON keys for ICE) as they may appear in an error message. */
  fields: FieldMap;
  /** The field a caller-fault error points at when its message names none. */
  defaultFields: Record<string, string>;
  /** A refresh answers "not found" with 404, like an id we never issued. */
  isRefresh: boolean;
  toQuery(request: Request): Record<string, string | number>;
  parse(body: Record<string, unknown>): Result;
  /**
   * Error codes that mean "no such media" for this operation, and the answer that stands for them: a
   * lookup finds nothing, a delete finds it already gone. Without it every error is a failure.
   */
  absent?: { codes: readonly string[]; answer(requestId: string): Result };
}

/** The provider's answer lacked a field it documents: we cannot hand it on. */
export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

/** Query parameters the way the generated SDK adds them: only the fields that are set. */
export function definedOnly(params: Record<string, string | number | undefined>): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query[name] = value;
  return query;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new UnexpectedAnswerError(`the answer has no ${field}`);
  return value;
}

/** URLs the API may leave empty (IMS MediaURL without a CDN domain): empty counts as absent. */
export function optionalString(body: Record<string, unknown> | undefined, field: string): string | undefined {
  const value = body?.[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** What every upload-credential answer carries. */
export interface UploadCredentialAnswer {
  requestId: string;
  uploadAddress: string;
  uploadAuth: string;
}

export function credentialAnswer(body: Record<string, unknown>): UploadCredentialAnswer {
  return {
    requestId: requiredString(body, 'RequestId'),
    uploadAddress: requiredString(body, 'UploadAddress'),
    uploadAuth: requiredString(body, 'UploadAuth'),
  };
}

/** The value if it is a JSON object, else undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An object of the answer (Video, Mezzanine, MediaInfo...), or undefined. */
export function optionalObject(body: Record<string, unknown> | undefined, field: string): Record<string, unknown> | undefined {
  return asObject(body?.[field]);
}

/** A list of the answer (NonExistMediaIds, AttachedMediaList...): empty when absent. */
export function optionalArray(body: Record<string, unknown> | undefined, field: string): unknown[] {
  const value = body?.[field];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/**
 * A figure the API sends as a number or as a string ("42.4930", "30611502"): undefined when absent,
 * empty, not a finite number, negative, or 0 (VOD reports 0 for a duration it has not read yet).
 */
export function optionalPositiveNumber(body: Record<string, unknown> | undefined, field: string): number | undefined {
  const value = body?.[field];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}
