import { randomBytes, randomInt } from 'node:crypto';
import {
  TENCENT_VOD_COVER_TYPES,
  TENCENT_VOD_MEDIA_TYPES,
  TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS,
  TENCENT_VOD_SOURCE_CONTEXT_MAX_CHARS,
} from './tencent.facts';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { invalid, missing, refuseUnknown } from './vod-responses';
import type { VodMedia } from './vod-media';

export interface VodUploadsOptions {
  /** VOD application ids of the emulated account. */
  subAppIds: readonly number[];
  /** Lifetime of ApplyUpload's temporary certificate, unless the storage's lifetime override says otherwise. */
  certificateLifetimeSeconds: number;
  /** How long after the certificate a session can still be committed (Tencent does not document it). */
  commitGraceSeconds: number;
  clock: () => number;
  /** Issues the certificate's key to the COS stand-in; when uploads go to the emulator, commits need the objects. */
  storage: EmulatedStorage;
  /** Where a commit stores the file (what DescribeMediaInfos then reports). */
  media: VodMedia;
}

interface Session {
  subAppId: number;
  mediaType: string;
  coverType?: string;
  mediaName?: string;
  region: string;
  bucket: string;
  /** Object keys (no leading slash) in the bucket. */
  mediaKey: string;
  coverKey?: string;
  sourceContext?: string;
  sessionContext?: string;
  expiresAtSeconds: number;
  committed: boolean;
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
    refuseUnknown(params, APPLY_PARAMS);
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

    const { storage } = this.options;
    const bucket = `${hex(6)}-${APP_ID}`;
    const dir = `${subAppId}/${hex(8)}`;
    const mediaKey = `${dir}/f0.${mediaType}`;
    const coverKey = coverType ? `${dir}/cover.${coverType}` : undefined;
    const lifetime = storage.keys.lifetimeSeconds(this.options.certificateLifetimeSeconds);
    const region = typeof params.StorageRegion === 'string' ? params.StorageRegion : DEFAULT_STORAGE_REGION;
    const certificate = storage.keys.issueCos({ bucket, region, objects: coverKey ? [mediaKey, coverKey] : [mediaKey] }, lifetime);
    const expiredTime = Math.floor(certificate.expiresAtMs / 1000);
    const key = randomBytes(90).toString('base64');
    this.sessions.set(key, {
      subAppId,
      mediaType,
      coverType,
      mediaName: typeof params.MediaName === 'string' ? params.MediaName : undefined,
      region,
      bucket,
      mediaKey,
      coverKey,
      sourceContext: typeof params.SourceContext === 'string' ? params.SourceContext : undefined,
      sessionContext: typeof params.SessionContext === 'string' ? params.SessionContext : undefined,
      expiresAtSeconds: expiredTime + this.options.commitGraceSeconds,
      committed: false,
    });
    return {
      StorageBucket: bucket,
      StorageRegion: region,
      VodSessionKey: key,
      MediaStoragePath: `/${mediaKey}`,
      CoverStoragePath: coverKey ? `/${coverKey}` : null,
      TempCertificate: { SecretId: certificate.id, SecretKey: certificate.secret, Token: certificate.token, ExpiredTime: expiredTime },
    };
  }

  commit(params: Params): Record<string, unknown> {
    refuseUnknown(params, COMMIT_PARAMS);
    const subAppId = this.subAppId(params);
    if (params.VodSessionKey === undefined) throw missing('VodSessionKey');
    const key = params.VodSessionKey;
    const session = typeof key === 'string' ? this.sessions.get(key) : undefined;
    const nowSeconds = this.options.clock() / 1000;
    // Tencent documents one code for a bad session; an unknown, foreign, expired or used key all get it.
    if (!session || session.subAppId !== subAppId || session.committed || nowSeconds > session.expiresAtSeconds) {
      throw invalid('InvalidParameterValue.VodSessionKey', 'VodSessionKey is invalid.');
    }
    const { storage } = this.options;
    const media = storage.cos.get(session.bucket, session.mediaKey);
    const missingObject = !media || (session.coverKey !== undefined && !storage.cos.get(session.bucket, session.coverKey));
    // The code CommitUpload documents without a meaning; the service reads it as "upload first" (tencent.errors.ts).
    if (storage.enabled && missingObject) throw invalid('ResourceNotFound', 'The media (or cover) is not in storage yet.');
    session.committed = true;
    const fileId = String(randomInt(10 ** 9, 10 ** 10 - 1)) + String(randomInt(10 ** 8, 10 ** 9 - 1));
    const base = `http://${subAppId}.vod2.myqcloud.com/${hex(4)}/${hex(4)}`;
    const answer = {
      FileId: fileId,
      MediaUrl: `${base}/f0.${session.mediaType}`,
      CoverUrl: session.coverType ? `${base}/${fileId}.${session.coverType}` : '',
    };
    this.options.media.add({
      fileId,
      subAppId,
      type: session.mediaType,
      name: session.mediaName,
      mediaUrl: answer.MediaUrl,
      coverUrl: answer.CoverUrl || undefined,
      sourceContext: session.sourceContext,
      storageRegion: session.region,
      bucket: session.bucket,
      keys: session.coverKey ? [session.mediaKey, session.coverKey] : [session.mediaKey],
    });
    storage.completed({
      provider: 'tencent-vod',
      via: 'commit-upload',
      mediaId: fileId,
      size: media?.data.length,
      fileUrl: answer.MediaUrl,
      coverUrl: answer.CoverUrl || undefined,
      sourceContext: session.sourceContext,
      sessionContext: session.sessionContext,
      completedAt: new Date(this.options.clock()),
    });
    return answer;
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
