import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { APPLY_UPLOAD, TencentClient } from '@app/tencent';
import type { ApplyTencentVodUploadDto } from './dto/apply-tencent-vod-upload.dto';
import type { TencentVodUploadDto } from './dto/tencent-vod-upload.dto';
import { TencentVodUploadRepository } from './tencent-vod-upload.repository';
import { type ProcessingChoice, resolveProcessing, sourceContext } from './tencent-vod.policy';
import { UploadRecords } from '../uploads/upload-records';
import { rfc3339 } from './time';

/** ApplyUpload for a user: the server's settings over the client's description, the session key kept here. */
@Injectable()
export class ApplyUploadService {
  constructor(
    private readonly config: ConfigService,
    private readonly vod: TencentClient,
    private readonly sessions: TencentVodUploadRepository,
    private readonly uploads: UploadRecords,
  ) {}

  async apply(user: Principal, dto: ApplyTencentVodUploadDto): Promise<TencentVodUploadDto> {
    const { vod } = this.config.product('tencent-vod');
    const processing = resolveProcessing(dto, vod);
    const { uploadId, result } = await this.uploads.issue(user, 'tencent-vod-media', (uploadId) =>
      this.applyFor(user, uploadId, dto, processing),
    );
    return { uploadId, ...result };
  }

  /** ApplyUpload under our upload id, its session key kept here, the rest for the client. */
  private async applyFor(user: Principal, uploadId: string, dto: ApplyTencentVodUploadDto, processing: ProcessingChoice) {
    const { vod } = this.config.product('tencent-vod');
    const applied = await this.vod.call(APPLY_UPLOAD, {
      SubAppId: vod.subAppId,
      MediaType: dto.mediaType,
      MediaName: dto.mediaName,
      CoverType: dto.coverType,
      // Tencent's documented form: UTC, whole seconds (266/11732).
      ExpireTime: dto.expireTime === undefined ? undefined : rfc3339(Date.parse(dto.expireTime)),
      Procedure: processing.procedure,
      ClassId: processing.classId,
      StorageRegion: vod.storageRegion,
      SourceContext: sourceContext(user.id, uploadId),
      SessionContext: dto.sessionContext,
    });

    const certificateExpiresAt = applied.tempCertificate.expiredTime * 1000;
    if (certificateExpiresAt <= Date.now()) {
      throw new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'Tencent Cloud VOD issued an already expired credential; retry shortly.', {
        retryAfterSeconds: 5,
        upstreamRequestId: applied.requestId,
      });
    }
    // Kept past the certificate so a commit right after a last-minute upload still works.
    const sessionExpiresAt = certificateExpiresAt + vod.sessionMarginSeconds * 1000;
    const session = { ownerId: user.id, vodSessionKey: applied.vodSessionKey, expiresAt: sessionExpiresAt };
    await this.sessions.saveSession(uploadId, session, sessionExpiresAt - Date.now());

    const { secretId, secretKey, token, expiredTime } = applied.tempCertificate;
    return {
      storageBucket: applied.storageBucket,
      storageRegion: applied.storageRegion,
      mediaStoragePath: applied.mediaStoragePath,
      coverStoragePath: applied.coverStoragePath,
      tempCertificate: { secretId, secretKey, token, expiredTime },
      expiresAt: rfc3339(certificateExpiresAt),
      requestId: applied.requestId,
    };
  }
}
