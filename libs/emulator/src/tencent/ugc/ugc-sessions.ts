import { randomBytes, randomInt } from 'node:crypto';
import { TENCENT_VOD_COVER_TYPES, TENCENT_VOD_MEDIA_TYPES } from '../tencent.facts';
import type { EmulatedStorage } from '../../storage/emulated-storage';
import type { VerifiedSignature } from './client-signature';
import { UGC_CODES, UgcRefusal } from './ugc-answers';
import type { VodMedia } from '../vod-media';

/** COS APPID of VOD's storage account (data.storageAppId): the suffix of every storage bucket name. */
const STORAGE_APP_ID = 1250000000;
const DEFAULT_REGION = 'ap-guangzhou';
/** The short region names of data.storageRegion, for the regions the emulator is asked for most. */
const SHORT_REGIONS: Record<string, string> = { 'ap-guangzhou': 'gz', 'ap-chongqing': 'cq', 'ap-shanghai': 'sh', 'ap-beijing': 'bj' };
/** Lifetime of the COS certificate ApplyUploadUGC hands out (the same hour as ApplyUpload's). */
const CERTIFICATE_LIFETIME_SECONDS = 3_600;

interface StoredFile {
  key: string;
  type: string;
}

interface Session {
  subAppId: number;
  region: string;
  /** `<name>-<storageAppId>`, as COS names it. */
  bucket: string;
  fileId: string;
  media: StoredFile;
  cover?: StoredFile;
  sourceContext?: string;
  sessionContext?: string;
  committed: boolean;
}

type Body = Record<string, unknown>;

const lowerString = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : '');

/**
 * Upload sessions of the client upload API: ApplyUploadUGC (a new one from the file's description,
 * or a resumed one by its vodSessionKey: storage paths and a fresh COS certificate) and
 * CommitUploadUGC (once, when COS holds the files), which reports the completion.
 */
export class UgcSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly storage: EmulatedStorage,
    private readonly media?: VodMedia,
  ) {}

  prepare(signature: VerifiedSignature): Record<string, unknown> {
    // One region only: the SDK then skips its region race (a HEAD to each region's COS domain).
    const region = this.regionOf(signature);
    return { appId: signature.subAppId, cosRegionList: [{ region, domain: `cos.${region}.myqcloud.com`, isAcc: 0 }] };
  }

  apply(body: Body, signature: VerifiedSignature): Record<string, unknown> {
    const [sessionKey, session] =
      typeof body.vodSessionKey === 'string' ? this.resume(body.vodSessionKey, signature) : this.open(body, signature);
    const lifetime = this.storage.keys.lifetimeSeconds(CERTIFICATE_LIFETIME_SECONDS);
    const objects = session.cover ? [session.media.key, session.cover.key] : [session.media.key];
    const certificate = this.storage.keys.issueCos({ bucket: session.bucket, region: session.region, objects }, lifetime);
    const entry = (file: StoredFile) => ({ storageSignature: randomBytes(48).toString('base64'), storagePath: `/${file.key}` });
    const bucketName = session.bucket.slice(0, session.bucket.lastIndexOf('-'));
    return {
      video: entry(session.media),
      ...(session.cover ? { cover: entry(session.cover) } : {}),
      storageAppId: STORAGE_APP_ID,
      storageBucket: bucketName,
      storageRegion: SHORT_REGIONS[session.region] ?? session.region,
      storageRegionV5: session.region,
      domain: 'vod2.qcloud.com',
      vodSessionKey: sessionKey,
      tempCertificate: {
        secretId: certificate.id,
        secretKey: certificate.secret,
        token: certificate.token,
        expiredTime: Math.floor(certificate.expiresAtMs / 1000),
      },
      appId: session.subAppId,
      timestamp: Math.floor(certificate.issuedAtMs / 1000),
      StorageRegionV5: session.region,
    };
  }

  commit(body: Body, signature: VerifiedSignature): Record<string, unknown> {
    const session = typeof body.vodSessionKey === 'string' ? this.sessions.get(body.vodSessionKey) : undefined;
    if (!session || session.committed || session.subAppId !== signature.subAppId) {
      throw new UgcRefusal(UGC_CODES.SESSION_INVALID, 'vodSessionKey is invalid');
    }
    const media = this.storage.cos.get(session.bucket, session.media.key);
    if (!media || (session.cover && !this.storage.cos.get(session.bucket, session.cover.key))) {
      throw new UgcRefusal(UGC_CODES.FILE_MISSING, 'the uploaded file is not in storage');
    }
    session.committed = true;
    const base = `http://${session.subAppId}.vod2.myqcloud.com`;
    const mediaUrl = `${base}/${session.media.key}`;
    const coverUrl = session.cover ? `${base}/${session.cover.key}` : undefined;
    this.media?.add({
      fileId: session.fileId,
      subAppId: session.subAppId,
      type: session.media.type,
      mediaUrl,
      coverUrl,
      sourceContext: session.sourceContext,
      storageRegion: session.region,
      bucket: session.bucket,
      keys: session.cover ? [session.media.key, session.cover.key] : [session.media.key],
    });
    this.storage.completed({
      provider: 'tencent-vod',
      via: 'commit-upload-ugc',
      mediaId: session.fileId,
      size: media.data.length,
      fileUrl: mediaUrl,
      coverUrl,
      sourceContext: session.sourceContext,
      sessionContext: session.sessionContext,
      completedAt: new Date(this.storage.keys.clock()),
    });
    const verify = () => randomBytes(40).toString('base64');
    return {
      video: { url: mediaUrl, verify_content: verify() },
      ...(coverUrl ? { cover: { url: coverUrl, verify_content: verify() } } : {}),
      fileId: session.fileId,
    };
  }

  /** A new session from {videoName, videoType, videoSize, [coverName, coverType, coverSize]}. */
  private open(body: Body, signature: VerifiedSignature): [string, Session] {
    const mediaType = lowerString(body.videoType);
    if (typeof body.videoName !== 'string' || !Number.isSafeInteger(body.videoSize) || (body.videoSize as number) < 0) {
      throw new UgcRefusal(UGC_CODES.PARAMETER, 'videoName, videoType and videoSize are required');
    }
    if (!TENCENT_VOD_MEDIA_TYPES.includes(mediaType)) throw new UgcRefusal(UGC_CODES.PARAMETER, 'videoType is not supported');
    const coverType = body.coverType === undefined || body.coverType === '' ? undefined : lowerString(body.coverType);
    if (coverType !== undefined && !(TENCENT_VOD_COVER_TYPES as readonly string[]).includes(coverType)) {
      throw new UgcRefusal(UGC_CODES.PARAMETER, 'coverType is not supported');
    }
    const region = this.regionOf(signature);
    const bucketName = `${randomBytes(4).toString('hex')}vod${SHORT_REGIONS[region] ?? 'gz'}${signature.subAppId}`;
    const fileId = `52858907${randomInt(10 ** 10, 10 ** 11 - 1)}`;
    const dir = `${randomBytes(4).toString('hex')}${fileId}`;
    const session: Session = {
      subAppId: signature.subAppId,
      region,
      bucket: `${bucketName}-${STORAGE_APP_ID}`,
      fileId,
      media: { key: `${dir}/${randomBytes(9).toString('base64url')}.${mediaType}`, type: mediaType },
      cover: coverType ? { key: `${dir}/${BigInt(fileId) + 1n}.${coverType}`, type: coverType } : undefined,
      sourceContext: signature.fields.sourceContext,
      sessionContext: signature.fields.sessionContext,
      committed: false,
    };
    const sessionKey = randomBytes(96).toString('base64');
    this.sessions.set(sessionKey, session);
    return [sessionKey, session];
  }

  /** The SDK keeps vodSessionKey per file to resume; a stale one gets an error, on which it applies afresh. */
  private resume(sessionKey: string, signature: VerifiedSignature): [string, Session] {
    const session = this.sessions.get(sessionKey);
    if (!session || session.committed || session.subAppId !== signature.subAppId) {
      throw new UgcRefusal(UGC_CODES.SESSION_INVALID, 'vodSessionKey is invalid');
    }
    return [sessionKey, session];
  }

  private regionOf(signature: VerifiedSignature): string {
    return signature.fields.storageRegion || DEFAULT_REGION;
  }
}
