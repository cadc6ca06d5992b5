import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import type { MediaLimits, MediaVerifier, StoredMedia, UploadRecord } from '@app/uploads';
import { DELETE_MEDIA, DESCRIBE_MEDIA_INFOS, TencentClient, tencentErrors } from '../client';
import { TENCENT_CONFIG, tencentSettings } from '../config/tencent.section';
import { TENCENT_VOD_MEDIA_INFO_FILTERS } from '../tencent.facts';
import { TENCENT_VOD } from '../tencent.products';
import { uploadIdOfSourceContext } from '../vod/tencent-vod.policy';

/**
 * What Tencent Cloud VOD (the account and sub-application of the upload's region) stores under an upload's
 * FileId (DescribeMediaInfos, basicInfo and metaData), with the upload its SourceContext names, and its
 * removal (DeleteMedia). Failures are the client's ApiErrors: the platform retries them.
 */
@Injectable()
export class TencentMediaVerifier implements MediaVerifier {
  readonly products = [TENCENT_VOD.id];
  /** Every file reports the SourceContext its signature or ApplyUpload carried, and ours name the upload. */
  readonly reportsUploadId = true;

  constructor(
    private readonly config: ConfigService,
    private readonly vod: TencentClient,
  ) {}

  async lookup(record: UploadRecord): Promise<StoredMedia> {
    const { fileId } = record;
    // No FileId yet: the upload has not been committed (or its event has not come).
    if (!fileId) return { state: 'uploading' };
    const { vod } = tencentSettings(this.config, record.region);
    const answer = await this.vod.call(
      DESCRIBE_MEDIA_INFOS,
      { FileIds: [fileId], Filters: [...TENCENT_VOD_MEDIA_INFO_FILTERS], SubAppId: vod.subAppId },
      { region: record.region },
    );
    if (answer.notExist.includes(fileId)) return { state: 'unknown' };
    const media = answer.media.find((item) => item.fileId === fileId);
    // Neither found nor listed as missing: an answer we cannot read, retried like one.
    if (!media) {
      throw tencentErrors.toApiError({ kind: 'invalid-response', upstreamRequestId: answer.requestId }, DESCRIBE_MEDIA_INFOS, undefined);
    }
    const uploadId = uploadIdOfSourceContext(media.basicInfo?.sourceContext);
    const under = uploadId === undefined ? {} : { uploadId };
    // VOD has not read the file yet: no size to judge.
    if (!media.metaData) return { state: 'uploading', ...under };
    const { size, durationSeconds } = media.metaData;
    const format = media.basicInfo?.type?.toLowerCase();
    const fileUrl = media.basicInfo?.mediaUrl ?? undefined;
    return {
      state: 'stored',
      ...under,
      size,
      // A Duration of 0 tells no length (none read, or none to read): left out rather than judged.
      ...(durationSeconds ? { durationSeconds } : {}),
      ...(format ? { format } : {}),
      ...(fileUrl ? { fileUrl } : {}),
    };
  }

  async remove(record: UploadRecord): Promise<void> {
    if (!record.fileId) return;
    const { vod } = tencentSettings(this.config, record.region);
    await this.vod.call(DELETE_MEDIA, { FileId: record.fileId, SubAppId: vod.subAppId }, { region: record.region });
  }

  /** The same for every Tencent kind (all are video or audio in one VOD application): the upload's region's. */
  limits(record: UploadRecord): MediaLimits {
    const tencent = this.config.section(TENCENT_CONFIG, record.region);
    if (!tencent.enabled) return {};
    const { maxFileSize, maxDurationSeconds } = tencent.vod;
    return { maxSize: maxFileSize, ...(maxDurationSeconds === undefined ? {} : { maxDurationSeconds }) };
  }
}
