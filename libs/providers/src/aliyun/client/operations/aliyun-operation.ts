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
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
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
