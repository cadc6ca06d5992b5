import type { EmulatorResponse } from '../../core/provider';

/**
 * Answer codes of the client upload API. Only 10010 is Tencent's (TXUGCPublish maps it to "signature
 * expired": Android TVCClient.parseInitRsp, iOS); Tencent publishes no others, so the rest are the
 * emulator's own, one per refusal.
 */
export const UGC_CODES = {
  PARAMETER: 10001,
  SIGNATURE_INVALID: 10005,
  SESSION_INVALID: 10008,
  FILE_MISSING: 10009,
  SIGNATURE_EXPIRED: 10010,
  SIGNATURE_USED: 10011,
  SUB_APP_INVALID: 10012,
  THROTTLED: 10429,
} as const;

/** `{code, message, data}` as vod-js-sdk-v6 reads it: a non-zero code is an error (retried, then thrown with err.code). */
export interface UgcAnswer {
  code: number;
  message: string;
  data?: Record<string, unknown>;
}

export class UgcRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function ugcResponse(answer: UgcAnswer, cors: Record<string, string>, status = 200): EmulatorResponse {
  return { status, headers: cors, body: { data: {}, ...answer } };
}
