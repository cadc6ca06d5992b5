import type { EmulatorRequestHead, EmulatorResponse } from '../core/provider';
import { headerValue, signaturesEqual } from '../storage/request-parts';
import type { TemporaryKey, TemporaryKeys } from '../storage/temporary-keys';
import { COS_ERRORS, cosError } from './cos-errors';
import { cosSignature, parseCosAuthorization } from './cos-signature';

export type CosAuthentication = { ok: true; key: TemporaryKey } | { ok: false; response: EmulatorResponse };

const refuse = (response: EmulatorResponse): CosAuthentication => ({ ok: false, response });
/** How far a signature's start may lie in the future (the SDKs sign from "now - 1 s"). Assumption: COS's own margin is not published. */
const START_MARGIN_SECONDS = 60;

/**
 * What COS checks of a request signed with a temporary key: a key the emulator issued, a signature
 * validity that covers now and a key that has not expired (the SDKs sign with KeyTime = the
 * certificate's StartTime;ExpiredTime, so an expired certificate surfaces as 403 AccessDenied
 * "Request has expired", COS doc 436/40105), its own token, and the signature by its secret.
 */
export function authenticateCos(request: EmulatorRequestHead, objectKey: string, keys: TemporaryKeys, resource: string): CosAuthentication {
  const header = headerValue(request, 'authorization');
  if (header === undefined) return refuse(COS_ERRORS.accessDenied(resource));
  const auth = parseCosAuthorization(header);
  if (!auth) return refuse(cosError(400, 'InvalidArgument', 'Authorization header is invalid.', resource));
  const key = keys.find(auth.secretId);
  if (!key) return refuse(cosError(403, 'InvalidAccessKeyId', 'The access key Id format you provided is invalid.', resource));

  const now = Math.floor(keys.clock() / 1000);
  if (now > auth.end || keys.isExpired(key)) return refuse(COS_ERRORS.expired(resource));
  if (auth.start > now + START_MARGIN_SECONDS) {
    return refuse(
      cosError(403, 'RequestTimeTooSkewed', "The difference between the request time and the server's time is too large.", resource),
    );
  }
  // Assumption (not documented): a token that does not belong to the SecretId is refused like an unknown key.
  if (headerValue(request, 'x-cos-security-token') !== key.token) {
    return refuse(cosError(403, 'InvalidAccessKeyId', 'The security token is invalid for this SecretId.', resource));
  }
  if (!signaturesEqual(cosSignature(request, objectKey, auth, key.secret), auth.signature)) {
    return refuse(cosError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.', resource));
  }
  return { ok: true, key };
}
