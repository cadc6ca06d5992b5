import type { ControlRoute, EmulatorRequest, EmulatorRequestHead, EmulatorResponse, ProviderEmulator } from '../core/provider';
import type { KeyPair } from '../core/options';
import { TENCENT_VOD_API_VERSION, TENCENT_VOD_SIGNING_SERVICE } from './tencent.facts';
import type { UploadEvents } from '../events/upload-events';
import { EmulatedStorage } from '../storage/emulated-storage';
import { verifyTc3 } from './tc3-verifier';
import { invalid, refuseUnknown, VodErrorAnswer, vodError, vodOk } from './vod-responses';
import { VodMedia } from './vod-media';
import { VodUploads } from './vod-uploads';

/** The VOD application id the emulated account owns by default (tests configure the service with it). */
export const EMULATED_SUB_APP_ID = 1500000001;

export interface TencentVodEmulatorOptions {
  keys?: readonly KeyPair[];
  subAppIds?: readonly number[];
  /** Lifetime of ApplyUpload's temporary certificate; default one hour. */
  certificateLifetimeSeconds?: number;
  /** How long after the certificate expires a session still commits; default one day. */
  commitGraceSeconds?: number;
  clock?: () => number;
  /** Shared with the COS stand-in (its certificates, its objects) and the other emulators; a private one when absent. */
  storage?: EmulatedStorage;
  /** Where NewFileUpload waits for PullEvents (a private storage also sends its commits there). */
  events?: UploadEvents;
  /** How long PullEvents holds a call with nothing to hand out ("long poll ≤5 s", tencent-vod.md §5). */
  pullWaitMs?: number;
  /** The account's media files, shared with the client upload API's commits; a private one when absent. */
  media?: VodMedia;
}

type Operation = (params: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

const EVENT_PARAMS = new Set(['SubAppId', 'ExtInfo', 'EventHandles']);

/**
 * Tencent Cloud VOD 2018-07-17 behind TC3-HMAC-SHA256: ApplyUpload and CommitUpload with the
 * documented parameter errors, the media they store (DescribeMediaInfos, DeleteMedia), PullEvents and
 * ConfirmEvents, Tencent's response envelope (errors on HTTP 200) and faults.
 */
export class TencentVodEmulator implements ProviderEmulator {
  readonly name = 'tencent-vod';
  private readonly keys: readonly KeyPair[];
  private readonly clock: () => number;
  private readonly operations: Record<string, Operation>;
  private readonly armed: { operation: string; code: string }[] = [];
  private readonly media: VodMedia;

  constructor(options: TencentVodEmulatorOptions = {}) {
    this.keys = options.keys ?? [];
    this.clock = options.clock ?? Date.now;
    const events = options.events;
    const subAppIds = options.subAppIds ?? [EMULATED_SUB_APP_ID];
    const storage =
      options.storage ?? new EmulatedStorage({ clock: this.clock, onUploadCompleted: (completion) => events?.uploadCompleted(completion) });
    const media = options.media ?? new VodMedia({ storage, subAppIds, clock: this.clock });
    this.media = media;
    const uploads = new VodUploads({
      subAppIds,
      certificateLifetimeSeconds: options.certificateLifetimeSeconds ?? 3_600,
      commitGraceSeconds: options.commitGraceSeconds ?? 86_400,
      clock: this.clock,
      storage,
      media,
    });
    const pullWaitMs = options.pullWaitMs ?? 5_000;
    this.operations = {
      ApplyUpload: (params) => uploads.apply(params),
      CommitUpload: (params) => uploads.commit(params),
      DescribeMediaInfos: (params) => media.describe(params, uploads.subAppId(params)),
      DeleteMedia: (params) => media.delete(params, uploads.subAppId(params)),
      PullEvents: async (params) => {
        refuseUnknown(params, EVENT_PARAMS);
        uploads.subAppId(params);
        return { EventSet: events ? await events.tencentQueue.pull(pullWaitMs) : [] };
      },
      ConfirmEvents: (params) => {
        refuseUnknown(params, EVENT_PARAMS);
        uploads.subAppId(params);
        const handles = params.EventHandles;
        if (
          !Array.isArray(handles) ||
          handles.length === 0 ||
          handles.length > 16 ||
          handles.some((handle) => typeof handle !== 'string')
        ) {
          throw invalid('InvalidParameterValue.EventHandles', 'EventHandles must hold 1 to 16 event handles.');
        }
        events?.tencentQueue.confirm(handles as string[]);
        return {};
      },
    };
  }

  /**
   * The next authentic call of `operation` answers with error `code`: what Tencent says in cases a
   * test cannot provoke through the service (e.g. a media type the application does not accept).
   */
  failNext(operation: string, code: string): void {
    this.armed.push({ operation, code });
  }

  /** `PUT /__emulator/tencent-vod/media`: what DescribeMediaInfos reports of a file. */
  controls(): ControlRoute[] {
    return this.media.controls();
  }

  matches(request: EmulatorRequestHead): boolean {
    return request.headers['x-tc-action'] !== undefined;
  }

  operation(request: EmulatorRequestHead): string {
    return String(request.headers['x-tc-action']);
  }

  async handle(request: EmulatorRequest): Promise<EmulatorResponse> {
    const response = await this.answer(request);
    const traceId = request.headers['x-tc-traceid'];
    return typeof traceId === 'string' ? { ...response, headers: { 'x-tc-traceid': traceId } } : response;
  }

  faultResponse(kind: 'server-error' | 'throttle'): EmulatorResponse {
    return kind === 'throttle'
      ? vodError('RequestLimitExceeded', 'Your current request times exceed the frequency limit of 100 requests per second.')
      : vodError('InternalError', 'An internal error has occurred. Retry your request.');
  }

  /** CAM's refusal of an action the key's policy does not grant (common error codes, 266/31774). */
  deniedResponse(): EmulatorResponse {
    return vodError('AuthFailure.UnauthorizedOperation', 'Request not authorized. Refer to the CAM documentation for authentication.');
  }

  private async answer(request: EmulatorRequest): Promise<EmulatorResponse> {
    const denied = verifyTc3(
      { method: request.method, path: request.path, query: request.query.toString(), headers: request.headers, rawBody: request.rawBody },
      { keys: this.keys, service: TENCENT_VOD_SIGNING_SERVICE, nowSeconds: Math.floor(this.clock() / 1000) },
    );
    if (denied) return vodError(denied.code, denied.message);
    const action = this.operation(request);
    const operation = Object.hasOwn(this.operations, action) ? this.operations[action] : undefined;
    if (!operation) return vodError('InvalidAction', `The action \`${action}\` is not supported by the emulator.`);
    if (request.headers['x-tc-version'] !== TENCENT_VOD_API_VERSION) return vodError('NoSuchVersion', 'The API version is not supported.');
    if (!request.headers['x-tc-region']) return vodError('MissingParameter', 'The request is missing a required parameter `Region`.');

    const armed = this.armed.findIndex((entry) => entry.operation === action);
    if (armed >= 0) {
      const [{ code }] = this.armed.splice(armed, 1);
      return vodError(code, `Injected ${code}.`);
    }
    let params: unknown;
    try {
      params = JSON.parse(request.rawBody.toString('utf8') || '{}');
    } catch {
      return vodError('InvalidParameter', 'The request body is not valid JSON.');
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      return vodError('InvalidParameter', 'The request body must be a JSON object.');
    }
    try {
      return vodOk(await operation(params as Record<string, unknown>));
    } catch (error) {
      if (error instanceof VodErrorAnswer) return vodError(error.code, error.message);
      throw error;
    }
  }
}
