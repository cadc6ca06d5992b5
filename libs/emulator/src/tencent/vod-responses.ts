import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../core/provider';

/** Tencent answers errors with HTTP 200 too; the SDK reads `Response.Error`. */
export function vodError(code: string, message: string): EmulatorResponse {
  return { status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } };
}

export function vodOk(body: Record<string, unknown>): EmulatorResponse {
  return { status: 200, body: { Response: { ...body, RequestId: randomUUID() } } };
}

/** A request-level problem, thrown by a handler and answered as the matching Tencent error. */
export class VodErrorAnswer extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const missing = (name: string) => new VodErrorAnswer('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
export const invalid = (code: string, message: string) => new VodErrorAnswer(code, message);

/** Tencent refuses a parameter the action does not define. */
export function refuseUnknown(params: Record<string, unknown>, known: ReadonlySet<string>): void {
  const unknown = Object.keys(params).find((name) => !known.has(name));
  if (unknown) throw invalid('UnknownParameter', `The parameter \`${unknown}\` is not recognized.`);
}
