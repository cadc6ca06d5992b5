import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { ApiError, ErrorCode, isoSeconds } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec } from '@app/registry';
import { APPLY_UPLOAD, TencentClient } from '../../client';
import type { ApplyTencentVodUploadDto } from './dto/apply-tencent-vod-upload.dto';
import type { TencentVodUploadDto } from './dto/tencent-vod-upload.dto';
import { TencentVodUploadRepository } from '../../vod/tencent-vod-upload.repository';
import { type ProcessingChoice, resolveProcessing, sourceContext } from '../../vod/tencent-vod.policy';
import { UploadRecords } from '@app/uploads';
import { tencentSettings } from '../../config/tencent.section';

/** ApplyUpload for a user: the server's settings over the client's description, the session key kept here. */
@Injectable()
export class ApplyUploadService {
  constructor(
    private readonly config: ConfigService,
    private readonly vod: TencentClient,
    private readonly sessions: TencentVodUploadRepository,
    private readonly uploads: UploadRecords,
  ) {}

  async apply(kind: KindSpec, user: Principal, dto: ApplyTencentVodUploadDto): Promise<TencentVodUploadDto> {
    const { vod } = tencentSettings(this.config, user.region);
    const processing = resolveProcessing(dto, vod);
    // The media type is the file's extension (the DTO already lowers it); ApplyUpload takes no size.
    const declared = { format: dto.mediaType.toLowerCase() };
    const { uploadId, result } = await this.uploads.issue(
      user,
      kind,
      (uploadId) => this.applyFor(user, uploadId, dto, processing),
      undefined,
      declared,
    );
    return { uploadId, ...result };
  }

  /** ApplyUpload in the user's region under our upload id, its session key kept here, the rest for the client. */
  private async applyFor(user: Principal, uploadId: string, dto: ApplyTencentVodUploadDto, processing: ProcessingChoice) {
    const { vod } = tencentSettings(this.config, user.region);
    const applied = await this.vod.call(
      APPLY_UPLOAD,
      {
        SubAppId: vod.subAppId,
        MediaType: dto.mediaType,
        MediaName: dto.mediaName,
        CoverType: dto.coverType,
        // Tencent's documented form: UTC, whole seconds (266/11732).
        ExpireTime: dto.expireTime === undefined ? undefined : isoSeconds(Date.parse(dto.expireTime)),
        Procedure: processing.procedure,
        ClassId: processing.classId,
        StorageRegion: vod.storageRegion,
        SourceContext: sourceContext(user.id, uploadId),
        SessionContext: dto.sessionContext,
      },
      { region: user.region },
    );

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
      expiresAt: isoSeconds(certificateExpiresAt),
      requestId: applied.requestId,
    };
  }
}
