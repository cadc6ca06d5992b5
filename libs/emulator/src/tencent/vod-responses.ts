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
