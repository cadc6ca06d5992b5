import type { KeyPair } from '../../core/options';
import type { EmulatorRequest, EmulatorRequestHead, EmulatorResponse, ProviderEmulator } from '../../core/provider';
import type { EmulatedStorage } from '../../storage/emulated-storage';
import { headerValue } from '../../storage/request-parts';
import { ClientSignatures, type VerifiedSignature } from './client-signature';
import { UGC_CODES, UgcRefusal, ugcResponse } from './ugc-answers';
import { UgcSessions } from './ugc-sessions';
import type { VodMedia } from '../vod-media';

export interface UgcEmulatorOptions {
  /** The account's SecretId/SecretKey pairs: the service signs client upload signatures with one. */
  keys: readonly KeyPair[];
  subAppIds: readonly number[];
  storage: EmulatedStorage;
  /** The account's media files, where a commit stores its file (shared with the VOD API's emulator). */
  media?: VodMedia;
}

const PATH = '/v3/index.php';
type Action = (body: Record<string, unknown>, signature: VerifiedSignature) => Record<string, unknown>;

/**
 * Tencent VOD's client upload API, what vod-js-sdk-v6 calls at https://vod2.qcloud.com/v3/index.php
 * (src/uploader.ts): PrepareUploadUGC, ApplyUploadUGC and CommitUploadUGC, JSON bodies carrying the
 * client upload signature, answers `{code, message, data}` on HTTP 200. The files go to the COS
 * stand-in with the certificate ApplyUploadUGC hands out.
 */
export class UgcEmulator implements ProviderEmulator {
  readonly name = 'tencent-vod-ugc';
  private readonly signatures: ClientSignatures;
  private readonly actions: Record<string, Action>;

  constructor(options: UgcEmulatorOptions) {
    this.signatures = new ClientSignatures({ keys: options.keys, subAppIds: options.subAppIds, clock: options.storage.keys.clock });
    const sessions = new UgcSessions(options.storage, options.media);
    this.actions = {
      PrepareUploadUGC: (_body, signature) => sessions.prepare(signature),
      ApplyUploadUGC: (body, signature) => sessions.apply(body, signature),
      CommitUploadUGC: (body, signature) => sessions.commit(body, signature),
    };
  }

  matches(request: EmulatorRequestHead): boolean {
    return request.path === PATH && /UGC$/.test(request.query.get('Action') ?? '');
  }

  operation(request: EmulatorRequestHead): string {
    return request.method === 'OPTIONS' ? 'Preflight' : (request.query.get('Action') ?? '');
  }

  handle(request: EmulatorRequest): EmulatorResponse {
    const cors = corsOf(request);
    if (request.method === 'OPTIONS') {
      const requested = headerValue(request, 'access-control-request-headers') ?? 'content-type';
      const preflight = {
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': requested,
        'access-control-max-age': '600',
      };
      return { status: 204, headers: { ...cors, ...preflight }, body: null };
    }
    const action = Object.hasOwn(this.actions, this.operation(request)) ? this.actions[this.operation(request)] : undefined;
    if (request.method !== 'POST' || !action) return ugcResponse({ code: UGC_CODES.PARAMETER, message: 'unknown Action' }, cors);
    try {
      const body = parseBody(request.rawBody);
      const data = action(body, this.signatures.verify(body.signature));
      return ugcResponse({ code: 0, message: '成功', data }, cors);
    } catch (error) {
      if (error instanceof UgcRefusal) return ugcResponse({ code: error.code, message: error.message }, cors);
      throw error;
    }
  }

  /** An HTTP 5xx makes vod-js-sdk-v6 switch to its backup host (vod2.dnsv1.com); throttling is an answer code (the emulator's). */
  faultResponse(kind: 'server-error' | 'throttle', request: EmulatorRequest): EmulatorResponse {
    return kind === 'throttle'
      ? ugcResponse({ code: UGC_CODES.THROTTLED, message: 'request limit exceeded' }, corsOf(request))
      : ugcResponse({ code: 500, message: 'internal error' }, corsOf(request), 500);
  }
}

/** The client upload API answers any page (browsers call it cross-origin). */
function corsOf(request: EmulatorRequestHead): Record<string, string> {
  return { 'access-control-allow-origin': headerValue(request, 'origin') ?? '*', vary: 'Origin' };
}

function parseBody(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new UgcRefusal(UGC_CODES.PARAMETER, 'the request body is not JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new UgcRefusal(UGC_CODES.PARAMETER, 'the request body must be a JSON object');
  return body as Record<string, unknown>;
}
