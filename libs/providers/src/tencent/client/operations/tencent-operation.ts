import type { UpstreamOperation } from '@app/upstream';

/**
 * One operation of the VOD API (2018-07-17), called through the SDK's generic `request` with
 * the SDK's own request model; the answer is checked into our shape before anyone sees it.
 */
export interface TencentOperation<Request, Result extends { requestId: string }> extends UpstreamOperation {
  provider: 'tencent-vod';
  parse(raw: Record<string, unknown>): Result;
  /**
   * An error code this operation answers as a result rather than a failure (DeleteMedia: the file is
   * already gone); undefined for every other code. Gets Tencent's code and RequestId.
   */
  recover?(error: { code: string; requestId: string }): Result | undefined;
  /** Never set: ties the SDK's request model to the operation, so a call with the wrong request does not compile. */
  readonly requestType?: Request;
}

/** A 200 answer without the fields the API documents: treated like an unavailable provider. */
export class InvalidVodResponseError extends Error {
  override name = 'InvalidVodResponseError';
}

type Raw = Record<string, unknown>;

export function text(raw: Raw, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value === '') throw new InvalidVodResponseError(`${field} is missing`);
  return value;
}

/** Fields the docs mark "may return null"; an empty string means the same. */
export function optionalText(raw: Raw, field: string): string | null {
  const value = raw[field];
  return typeof value === 'string' && value !== '' ? value : null;
}
