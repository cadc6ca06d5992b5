import { Injectable } from '@nestjs/common';
import { digest } from '@app/protection';
import { type ClaimEntry, SealedRecords, Store } from '@app/store';

/** An applied upload: whose it is, and the session key CommitUpload needs (never returned, never logged). */
export interface UploadSession {
  ownerId: string;
  vodSessionKey: string;
  /** Epoch ms after which we no longer commit it: certificate expiry plus the configured margin. */
  expiresAt: number;
}

/** The first successful commit, returned again to every repeat. */
export interface CommitRecord {
  ownerId: string;
  fileId: string;
  mediaUrl: string | null;
  coverUrl: string | null;
  requestId: string;
}

const keys = {
  session: (uploadId: string) => `tencent-vod:upload:${uploadId}`,
  commit: (uploadId: string) => `tencent-vod:commit:${uploadId}`,
  commitLock: (uploadId: string) => `tencent-vod:commit-lock:${uploadId}`,
  // In the Cluster slot of the user's keys (the hash tag is the user's digest): claimed with a new upload's record.
  signatureNonce: (userId: string, timestamp: number, random: number) =>
    `tencent-vod:signature-nonce:{${digest(userId)}}:${timestamp}:${random}`,
};

/** A (currentTimeStamp, random) pair is unique once no replica can mint that timestamp again: clocks skew by seconds. */
const SIGNATURE_NONCE_TTL_MS = 10 * 60_000;

/**
 * Everything the Tencent VOD feature keeps in the store. Every key has a TTL. Records are sealed
 * (AES-256-GCM, bound to their key): a session key in Redis could commit someone's upload.
 */
@Injectable()
export class TencentVodUploadRepository {
  constructor(
    private readonly store: Store,
    private readonly sealed: SealedRecords,
  ) {}

  /** The upload record (its owner and status) outlives the session: an expired upload answers 410, an unknown one 404. */
  async saveSession(uploadId: string, session: UploadSession, sessionTtlMs: number): Promise<void> {
    await this.sealed.set(keys.session(uploadId), session, sessionTtlMs);
  }

  async findSession(uploadId: string): Promise<UploadSession | null> {
    return (await this.sealed.get<UploadSession>(keys.session(uploadId))) ?? null;
  }

  deleteSession(uploadId: string): Promise<void> {
    return this.store.delete(keys.session(uploadId));
  }

  async findCommit(uploadId: string): Promise<CommitRecord | null> {
    return (await this.sealed.get<CommitRecord>(keys.commit(uploadId))) ?? null;
  }

  async saveCommit(uploadId: string, record: CommitRecord, ttlMs: number): Promise<void> {
    await this.sealed.set(keys.commit(uploadId), record, ttlMs);
  }

  acquireCommitLock(uploadId: string, token: string, ttlMs: number): Promise<boolean> {
    return this.store.setIfAbsent(keys.commitLock(uploadId), token, ttlMs);
  }

  async releaseCommitLock(uploadId: string, token: string): Promise<void> {
    await this.store.deleteIfEquals(keys.commitLock(uploadId), token);
  }

  /**
   * True when no signature of this user with this timestamp and random was issued before, by any
   * replica. Signatures of different users differ anyway: their SourceContext names the user.
   */
  reserveSignatureNonce(userId: string, timestamp: number, random: number): Promise<boolean> {
    const { key, value, ttlMs } = this.signatureNonce(userId, timestamp, random);
    return this.store.setIfAbsent(key, value, ttlMs);
  }

  /** The same reservation, as a key to claim with a new upload's record (UploadRecords.issue). */
  signatureNonce(userId: string, timestamp: number, random: number): ClaimEntry {
    return { key: keys.signatureNonce(userId, timestamp, random), value: '1', ttlMs: SIGNATURE_NONCE_TTL_MS };
  }
}
