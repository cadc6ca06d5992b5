import { isoSeconds } from '@app/common';
import { ALIYUN } from '../aliyun.facts';

/**
 * When a base64 UploadAuth stops working: its ExpireUTCTime, else Expiration (a string of seconds,
 * counted from now), else the documented default of 3,000 s. The credential itself is never
 * changed or logged; only these two fields are read.
 */
export function uploadAuthExpiresAt(uploadAuth: string, now = Date.now()): string {
  let decoded: { ExpireUTCTime?: unknown; Expiration?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(uploadAuth, 'base64').toString('utf8'));
    if (parsed !== null && typeof parsed === 'object') decoded = parsed;
  } catch {
    // Not JSON: fall back to the default validity.
  }
  const absolute = typeof decoded.ExpireUTCTime === 'string' ? Date.parse(decoded.ExpireUTCTime) : Number.NaN;
  const seconds = Number(decoded.Expiration);
  // Anything beyond a day is not a credential lifetime VOD issues: fall back rather than trust it.
  const plausible = typeof decoded.Expiration === 'string' && Number.isFinite(seconds) && seconds > 0 && seconds <= 86_400;
  const at = Number.isFinite(absolute) ? absolute : now + 1000 * (plausible ? seconds : ALIYUN.DEFAULT_CREDENTIAL_TTL_SECONDS);
  return isoSeconds(at);
}

/** The part every Alibaba credential answer shares: address and credential untouched, their expiry, the RequestId. */
export function credentialFields(result: { uploadAddress: string; uploadAuth: string; requestId: string }) {
  return {
    uploadAddress: result.uploadAddress,
    uploadAuth: result.uploadAuth,
    expiresAt: uploadAuthExpiresAt(result.uploadAuth),
    requestId: result.requestId,
  };
}
