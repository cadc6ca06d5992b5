import { randomBytes, randomInt } from 'node:crypto';
import {
  TENCENT_VOD_COVER_TYPES,
  TENCENT_VOD_MEDIA_TYPES,
  TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS,
  TENCENT_VOD_SOURCE_CONTEXT_MAX_CHARS,
} from '@app/registry';
import { invalid, missing } from './vod-responses';

export interface VodUploadsOptions {
  /** VOD application ids of the emulated account. */
  subAppIds: readonly number[];
  /** Lifetime of ApplyUpload's temporary certificate. */
  certificateLifetimeSeconds: number;
  /** How long after the certificate a session can still be committed (Tencent does not document it). */
  commitGraceSeconds: number;
  clock: () => number;
  /** Called once per committed file: the emulator's NewFileUpload event. */
  onCommitted?: (file: { fileId: string; mediaUrl: string; sourceContext?: string }) => void;
}

interface Session {
  subAppId: number;
  mediaType: string;
  coverType?: string;
  expiresAtSeconds: number;
  committed: boolean;
  sourceContext?: string;
}

type Params = Record<string, unknown>;

const APPLY_PARAMS = new Set([
  'MediaType',
  'SubAppId',
  'MediaName',
  'CoverType',
  'Procedure',
  'ExpireTime',
  'StorageRegion',
  'ClassId',
  'SourceContext',
  'SessionContext',
  'ExtInfo',
  'MediaStoragePath',
]);
const COMMIT_PARAMS = new Set(['VodSessionKey', 'SubAppId']);
/** ISO 8601 date-time as VOD documents it (266/11732): seconds precision, Z or an offset. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DEFAULT_STORAGE_REGION = 'ap-guangzhou';
const APP_ID = 1250000000;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** ApplyUpload and CommitUpload of an emulated account: parameter checks, sessions that commit once. */
export class VodUploads {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: VodUploadsOptions) {}

  apply(params: Params): Record<string, unknown> {
    this.refuseUnknown(params, APPLY_PARAMS);
    const subAppId = this.subAppId(params);
    if (params.MediaType === undefined) throw missing('MediaType');
    const mediaType = this.oneOf(params.MediaType, TENCENT_VOD_MEDIA_TYPES, 'InvalidParameterValue.MediaType', 'MediaType');
    const coverType =
      params.CoverType === undefined
        ? undefined
        : this.oneOf(params.CoverType, TENCENT_VOD_COVER_TYPES, 'InvalidParameterValue.CoverType', 'CoverType');
    this.checkExpireTime(params.ExpireTime);
    this.checkText(params.SourceContext, TENCENT_VOD_SOURCE_CONTEXT_MAX_CHARS, 'InvalidParameterValue', 'SourceContext');
    this.checkText(
      params.SessionContext,
      TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS,
      'InvalidParameterValue.SessionContextTooLong',
      'SessionContext',
    );
    for (const name of ['MediaName', 'Procedure', 'StorageRegion']) this.checkText(params[name], 1000, 'InvalidParameter', name);
    if (params.ClassId !== undefined && !(Number.isInteger(params.ClassId) && (params.ClassId as number) >= 0)) {
      throw invalid('InvalidParameterValue', 'ClassId must be a non-negative integer.');
    }

    const nowSeconds = Math.floor(this.options.clock() / 1000);
    const expiredTime = nowSeconds + this.options.certificateLifetimeSeconds;
    const key = randomBytes(90).toString('base64');
    this.sessions.set(key, {
      subAppId,
      mediaType,
      coverType,
      expiresAtSeconds: expiredTime + this.options.commitGraceSeconds,
      committed: false,
      sourceContext: typeof params.SourceContext === 'string' ? params.SourceContext : undefined,
    });
    const dir = `/${subAppId}/${hex(8)}`;
    return {
      StorageBucket: `${hex(6)}-${APP_ID}`,
      StorageRegion: typeof params.StorageRegion === 'string' ? params.StorageRegion : DEFAULT_STORAGE_REGION,
      VodSessionKey: key,
      MediaStoragePath: `${dir}/f0.${mediaType}`,
      CoverStoragePath: coverType ? `${dir}/cover.${coverType}` : null,
      TempCertificate: { SecretId: `AKID${hex(16)}`, SecretKey: hex(16), Token: hex(48), ExpiredTime: expiredTime },
    };
  }

  commit(params: Params): Record<string, unknown> {
    this.refuseUnknown(params, COMMIT_PARAMS);
    const subAppId = this.subAppId(params);
    if (params.VodSessionKey === undefined) throw missing('VodSessionKey');
    const key = params.VodSessionKey;
    const session = typeof key === 'string' ? this.sessions.get(key) : undefined;
    const nowSeconds = this.options.clock() / 1000;
    // Tencent documents one code for a bad session; an unknown, foreign, expired or used key all get it.
    if (!session || session.subAppId !== subAppId || session.committed || nowSeconds > session.expiresAtSeconds) {
      throw invalid('InvalidParameterValue.VodSessionKey', 'VodSessionKey is invalid.');
    }
    session.committed = true;
    const fileId = String(randomInt(10 ** 9, 10 ** 10 - 1)) + String(randomInt(10 ** 8, 10 ** 9 - 1));
    const base = `http://${subAppId}.vod2.myqcloud.com/${hex(4)}/${hex(4)}`;
    const mediaUrl = `${base}/f0.${session.mediaType}`;
    this.options.onCommitted?.({ fileId, mediaUrl, sourceContext: session.sourceContext });
    return {
      FileId: fileId,
      MediaUrl: mediaUrl,
      CoverUrl: session.coverType ? `${base}/${fileId}.${session.coverType}` : '',
    };
  }

  private refuseUnknown(params: Params, known: Set<string>): void {
    const unknown = Object.keys(params).find((name) => !known.has(name));
    if (unknown) throw invalid('UnknownParameter', `The parameter \`${unknown}\` is not recognized.`);
  }

  /** This emulated account opened VOD after 2023-12-25, so every call must name the application (266/31767). */
  subAppId(params: Params): number {
    const value = params.SubAppId;
    if (typeof value !== 'number' || !this.options.subAppIds.includes(value)) {
      throw invalid('InvalidParameterValue.SubAppId', 'SubAppId is invalid or does not belong to this account.');
    }
    return value;
  }

  private oneOf(value: unknown, allowed: readonly string[], code: string, name: string): string {
    const normalised = typeof value === 'string' ? value.toLowerCase() : '';
    if (!allowed.includes(normalised)) throw invalid(code, `${name} is not supported.`);
    return normalised;
  }

  private checkExpireTime(value: unknown): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      throw invalid('InvalidParameterValue.ExpireTime', 'ExpireTime is not in ISO 8601 format.');
    }
    if (Date.parse(value) <= this.options.clock()) throw invalid('InvalidParameter.ExpireTime', 'ExpireTime must be later than now.');
  }

  private checkText(value: unknown, max: number, code: string, name: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || [...value].length > max) throw invalid(code, `${name} must be a string of at most ${max} characters.`);
  }
}
