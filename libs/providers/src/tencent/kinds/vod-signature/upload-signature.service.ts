import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { ApiError, ErrorCode, isoSeconds } from '@app/common';
import { ConfigService } from '@app/config';
import { ClaimTakenError } from '@app/store';
import type { KindSpec } from '@app/registry';
import { tencentSettings } from '../../config/tencent.section';
import { TencentUploadSigner } from '../../client';
import { TENCENT_SIGNATURE_RANDOM_MAX } from '../../tencent.facts';
import type { CreateTencentVodUploadSignatureDto } from './dto/create-tencent-vod-upload-signature.dto';
import type { TencentVodUploadSignatureDto } from './dto/tencent-vod-upload-signature.dto';
import { TencentVodUploadRepository } from '../../vod/tencent-vod-upload.repository';
import { type ProcessingChoice, resolveProcessing, sourceContext } from '../../vod/tencent-vod.policy';
import { UploadRecords } from '@app/uploads';

/** Two random draws colliding in the same second is already a one in four billion event; three in a row means a bug. */
const NONCE_ATTEMPTS = 3;

const noUniqueSignature = () =>
  new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'No unique signature could be issued; retry shortly.', { retryAfterSeconds: 1 });

/** Client upload signatures (no API call): the server's settings, a short validity, a random never reused. */
@Injectable()
export class UploadSignatureService {
  constructor(
    private readonly config: ConfigService,
    private readonly signer: TencentUploadSigner,
    private readonly uploads: TencentVodUploadRepository,
    private readonly records: UploadRecords,
  ) {}

  /**
   * A signature session: without `uploadId` a new upload (a record, a quota unit), with the
   * `uploadId` of an open session of the caller's a fresh signature for the same upload, up to
   * TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD. vod-js-sdk-v6 asks before each of its calls.
   */
  async create(kind: KindSpec, user: Principal, dto: CreateTencentVodUploadSignatureDto): Promise<TencentVodUploadSignatureDto> {
    const now = Math.floor(Date.now() / 1000);
    if (dto.uploadId !== undefined) {
      // The session's next signature is the upload's region's (its key pair, sub-application, storage region).
      let processing: ProcessingChoice = {};
      const { region } = await this.records.continueSession(user, dto.uploadId, (record) => {
        const { vod } = tencentSettings(this.config, record.region);
        processing = resolveProcessing(dto, vod);
        return vod.signaturesPerUpload;
      });
      const random = await this.uniqueRandom(user, now);
      return { uploadId: dto.uploadId, ...this.sign(user, dto.uploadId, dto, processing, now, random, region) };
    }
    // The gate left the user's region to us (the body could have named an upload of another region).
    this.config.requireOfferedTo(kind.product.id, user.region);
    const { vod } = tencentSettings(this.config, user.region);
    const processing = resolveProcessing(dto, vod);
    // A new upload: the random is claimed with the record and the quota unit, in one store step.
    for (let attempt = 0; attempt < NONCE_ATTEMPTS; attempt++) {
      const random = randomInt(0, TENCENT_SIGNATURE_RANDOM_MAX + 1);
      const nonce = this.uploads.signatureNonce(user.id, now, random);
      try {
        const { uploadId, result } = await this.records.issue(
          user,
          kind,
          async (uploadId) => this.sign(user, uploadId, dto, processing, now, random, user.region),
          undefined,
          undefined,
          [nonce],
        );
        return { uploadId, ...result };
      } catch (error) {
        if (!(error instanceof ClaimTakenError)) throw error;
      }
    }
    throw noUniqueSignature();
  }

  private sign(
    user: Principal,
    uploadId: string,
    dto: CreateTencentVodUploadSignatureDto,
    processing: ProcessingChoice,
    now: number,
    random: number,
    region: string | undefined,
  ): { signature: string; expiresAt: string } {
    const { vod } = tencentSettings(this.config, region);
    const expireTime = now + vod.signatureTtlSeconds;
    const signature = this.signer.sign(
      {
        currentTimeStamp: now,
        expireTime,
        // A one-time signature must differ from every other: the store proves this random unused at this second.
        random,
        classId: processing.classId,
        procedure: processing.procedure,
        // Comes back in Tencent's NewFileUpload event: how the event finds this upload.
        sourceContext: sourceContext(user.id, uploadId),
        oneTimeValid: vod.signatureOneTime ? 1 : undefined,
        vodSubAppId: vod.subAppId,
        sessionContext: dto.sessionContext,
        storageRegion: vod.storageRegion,
      },
      region,
    );
    return { signature, expiresAt: isoSeconds(expireTime * 1000) };
  }

  private async uniqueRandom(user: Principal, timestamp: number): Promise<number> {
    for (let attempt = 0; attempt < NONCE_ATTEMPTS; attempt++) {
      const random = randomInt(0, TENCENT_SIGNATURE_RANDOM_MAX + 1);
      if (await this.uploads.reserveSignatureNonce(user.id, timestamp, random)) return random;
    }
    throw noUniqueSignature();
  }
}
