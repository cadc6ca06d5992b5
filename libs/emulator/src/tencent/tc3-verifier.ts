import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TC3_MAX_CLOCK_SKEW_SECONDS } from './tencent.facts';
import type { KeyPair } from '../core/options';
import { tc3Date, tc3Signature } from './tc3';

export interface Tc3Request {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface Tc3Options {
  keys: readonly KeyPair[];
  /** The service this endpoint answers for (`vod`). */
  service: string;
  nowSeconds: number;
}

/** A Tencent common error code (266/31774) and our message; undefined when the request is authentic. */
export type Tc3Failure = { code: string; message: string } | undefined;

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

const failure = (code: string, message: string): Tc3Failure => ({ code, message });
const SIGNATURE_FAILURE = failure(
  'AuthFailure.SignatureFailure',
  'The provided credentials could not be validated. Please check your signature is correct.',
);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The value a signed header is signed with. The signed host never carries a port (what the SDK signs). */
function signedValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = header(headers, name);
  return name === 'host' && value !== undefined ? value.replace(/:\d+$/, '') : value;
}

/** Checks a TC3-HMAC-SHA256 request as Tencent Cloud API 3.0 does, answering with its error codes. */
export function verifyTc3(request: Tc3Request, options: Tc3Options): Tc3Failure {
  const match = AUTHORIZATION.exec(header(request.headers, 'authorization') ?? '');
  if (!match) return failure('AuthFailure.InvalidAuthorization', 'Authorization header is not in the TC3-HMAC-SHA256 format.');
  const [, secretId, date, service, signedHeaderList, signature] = match;

  const rawTimestamp = header(request.headers, 'x-tc-timestamp') ?? '';
  const timestamp = Number(rawTimestamp);
  if (!/^\d{1,12}$/.test(rawTimestamp)) return SIGNATURE_FAILURE;
  if (Math.abs(options.nowSeconds - timestamp) > TC3_MAX_CLOCK_SKEW_SECONDS) {
    return failure('AuthFailure.SignatureExpire', 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.');
  }
  if (date !== tc3Date(timestamp) || service !== options.service) return SIGNATURE_FAILURE;

  const key = options.keys.find((candidate) => candidate.id === secretId);
  if (!key) return failure('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
  // The emulator's keys are permanent; a temporary-credential token cannot belong to them.
  if (header(request.headers, 'x-tc-token') !== undefined) return failure('AuthFailure.TokenFailure', 'Token verification failed.');

  const names = signedHeaderList.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return SIGNATURE_FAILURE;
  const signedHeaders: [string, string][] = [];
  for (const name of names) {
    const value = signedValue(request.headers, name);
    if (value === undefined) return SIGNATURE_FAILURE;
    signedHeaders.push([name, value]);
  }
  const expected = tc3Signature({
    method: request.method,
    path: request.path,
    query: request.query,
    signedHeaders,
    body: request.rawBody,
    timestamp,
    service,
    secretKey: key.secret,
  });
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) ? undefined : SIGNATURE_FAILURE;
}
