import { createHash } from 'node:crypto';
import { ALIYUN } from './aliyun.facts';
import type { EmulatorRequest, EmulatorResponse } from '../core/provider';
import type { KeyPair } from '../core/options';
import { rawQueryPairs } from '../core/query';
import { parseAuthorization, sign, signaturesMatch } from './acs3-signature';
import { aliyunError } from './errors';

const ACS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

export type Authenticated = { ok: true; accessKeyId: string } | { ok: false; response: EmulatorResponse };

/**
 * What the POP gateway checks before a service sees the call: a V3 signature by a known key,
 * every x-acs-* header signed, the body hash, x-acs-date within 15 minutes, a fresh nonce.
 * Errors carry the gateway's codes and statuses (POP common error table).
 */
export class AliyunGateway {
  private readonly secrets: Map<string, string>;
  private readonly nonces = new Map<string, number>();

  constructor(
    keys: KeyPair[],
    private readonly clock: () => number = Date.now,
  ) {
    this.secrets = new Map(keys.map((key) => [key.id, key.secret]));
  }

  authenticate(request: EmulatorRequest, host: string): Authenticated {
    const refuse = (status: number, code: string, message: string): Authenticated => ({
      ok: false,
      response: aliyunError(status, code, message, host),
    });
    const header = request.headers.authorization;
    const authorization = parseAuthorization(typeof header === 'string' ? header : undefined);
    if (!authorization) return refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const secret = this.secrets.get(authorization.accessKeyId);
    if (secret === undefined) return refuse(400, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

    const acsHeaders = Object.keys(request.headers).filter((name) => name.startsWith('x-acs-'));
    const unsigned = [...REQUIRED_SIGNED, ...acsHeaders].filter((name) => !authorization.signedHeaders.includes(name));
    if (unsigned.length > 0) return refuse(400, 'IncompleteSignature', `The request signature does not sign ${unsigned.join(', ')}.`);
    // STS tokens cannot be verified here; the token must at least travel with its own AccessKey id.
    if (request.headers['x-acs-security-token'] !== undefined && request.headers['x-acs-accesskey-id'] !== authorization.accessKeyId) {
      return refuse(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'The security token does not belong to the access key.');
    }

    const hashedPayload = String(request.headers['x-acs-content-sha256']);
    const expected = sign(secret, {
      method: request.method,
      path: request.path,
      query: rawQueryPairs(request.url),
      headers: request.headers,
      signedHeaders: authorization.signedHeaders,
      hashedPayload,
    });
    const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
    if (hashedPayload !== bodyHash || !signaturesMatch(expected, authorization.signature)) {
      return refuse(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.');
    }

    const date = String(request.headers['x-acs-date']);
    if (!ACS_DATE.test(date) || Number.isNaN(Date.parse(date)))
      return refuse(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (Math.abs(this.clock() - Date.parse(date)) > ALIYUN.MAX_CLOCK_SKEW_MS) {
      return refuse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    if (!this.useNonce(`${authorization.accessKeyId}:${String(request.headers['x-acs-signature-nonce'])}`)) {
      return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    return { ok: true, accessKeyId: authorization.accessKeyId };
  }

  /** A nonce is remembered as long as its request could still pass the date check. */
  private useNonce(key: string): boolean {
    const now = this.clock();
    // Insertion order is expiry order: drop the expired head and stop at the first live one.
    for (const [nonce, expires] of this.nonces) {
      if (expires >= now) break;
      this.nonces.delete(nonce);
    }
    if (this.nonces.has(key)) return false;
    this.nonces.set(key, now + 2 * ALIYUN.MAX_CLOCK_SKEW_MS);
    return true;
  }
}
