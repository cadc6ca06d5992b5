import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { ApiError, ErrorCode, UPLOAD_ID_PATTERN } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec } from '@app/registry';
import { tencentSettings } from '../../config/tencent.section';
import { TENCENT_VOD_ERRORS } from '../../vod/tencent-vod.problems';
import { COMMIT_UPLOAD, TencentClient } from '../../client';
import { TENCENT_VOD } from '../../tencent.products';
import type { TencentVodCommitDto } from './dto/tencent-vod-commit.dto';
import { type CommitRecord, TencentVodUploadRepository } from '../../vod/tencent-vod-upload.repository';
import { UPLOAD_ERRORS, UploadCompletions, UploadRecords } from '@app/uploads';

/** How often a waiting commit looks for the running one's result. */
const POLL_INTERVAL_MS = 50;
/** The lock outlives the longest commit (its upstream timeout plus store round trips), then frees itself if we crash. */
const LOCK_MARGIN_MS = 10_000;

const notFound = UPLOAD_ERRORS.notFound;

/**
 * CommitUpload exactly once per upload: the first result is stored and returned to every repeat;
 * concurrent commits take a store lock, and the one that loses waits briefly for the winner.
 */
@Injectable()
export class CommitUploadService {
  private readonly logger = new Logger(CommitUploadService.name);

  constructor(
    private readonly config: ConfigService,
    private readonly vod: TencentClient,
    private readonly uploads: TencentVodUploadRepository,
    private readonly records: UploadRecords,
    private readonly completions: UploadCompletions,
  ) {}

  /** Commits an upload of `media` (the apply's kind); any other kind's id looks like an unknown one. */
  async commit(media: KindSpec, user: Principal, uploadId: string): Promise<TencentVodCommitDto> {
    if (!UPLOAD_ID_PATTERN.test(uploadId)) throw notFound();
    // How long to wait for a running commit: the upload's region's setting, from the first look at it.
    let deadline: number | undefined;
    for (;;) {
      const done = await this.uploads.findCommit(uploadId);
      if (done) return answer(done, user);
      // Someone else's upload, or a signature session's, looks exactly like an unknown one.
      const record = await this.records.findOwned(user, uploadId);
      if (record.kind !== media.id) throw notFound();
      this.records.requireOpen(record);
      // The commit goes to the upload's region, with its sub-application, wherever the user's token points now.
      const settings = tencentSettings(this.config, record.region).vod;
      deadline ??= Date.now() + settings.commitWaitMs;

      const token = randomUUID();
      // The lock outlives the call it guards: the budget wait, the request timeout, a margin for the store.
      const lockMs = this.config.protection.upstreamMaxWaitMs + settings.requestTimeoutMs + LOCK_MARGIN_MS;
      if (await this.uploads.acquireCommitLock(uploadId, token, lockMs)) {
        try {
          return await this.commitLocked(user, uploadId, { subAppId: settings.subAppId, region: record.region });
        } finally {
          await this.uploads.releaseCommitLock(uploadId, token).catch((error: unknown) => {
            // The lock's TTL frees it anyway; a commit retried before then answers 409.
            this.logger.warn({ event: 'commit lock not released', uploadId, error: (error as Error)?.name });
          });
        }
      }
      if (Date.now() >= deadline) {
        throw TENCENT_VOD_ERRORS.commitRunning();
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }

  private async commitLocked(
    user: Principal,
    uploadId: string,
    { subAppId, region }: { subAppId: number; region?: string },
  ): Promise<TencentVodCommitDto> {
    // The previous holder may have finished between our first look and taking the lock.
    const done = await this.uploads.findCommit(uploadId);
    if (done) return answer(done, user);
    const session = await this.uploads.findSession(uploadId);
    if (!session || session.expiresAt <= Date.now()) {
      throw TENCENT_VOD_ERRORS.sessionExpired();
    }

    const committed = await this.vod
      .call(COMMIT_UPLOAD, { VodSessionKey: session.vodSessionKey, SubAppId: subAppId }, { region })
      .catch(async (error: unknown) => {
        // Tencent no longer knows the session: retrying cannot help, so forget the key now.
        if (error instanceof ApiError && error.code === ErrorCode.GONE) await this.uploads.deleteSession(uploadId).catch(() => undefined);
        throw error;
      });
    const record: CommitRecord = { ownerId: user.id, ...committed };
    await this.uploads.saveCommit(uploadId, record, this.config.uploads.recordTtlSeconds * 1000);
    // The key has done its job; if this delete fails, its TTL removes it.
    await this.uploads.deleteSession(uploadId).catch(() => undefined);
    // The commit stands; Tencent's NewFileUpload event completes the record if this cannot.
    await this.completions
      .settle(
        uploadId,
        { status: 'uploaded', fileId: committed.fileId, fileUrl: committed.mediaUrl ?? undefined },
        { provider: TENCENT_VOD.id },
      )
      .catch((error: unknown) => {
        this.logger.warn({ event: 'upload committed but its record was not completed', uploadId, error: (error as Error)?.name });
      });
    return answer(record, user);
  }
}

function answer(record: CommitRecord, user: Principal): TencentVodCommitDto {
  if (record.ownerId !== user.id) throw notFound();
  return { fileId: record.fileId, mediaUrl: record.mediaUrl, coverUrl: record.coverUrl, requestId: record.requestId };
}
