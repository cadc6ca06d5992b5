import { Injectable, Logger } from '@nestjs/common';
import { type Principal } from '@app/auth';
import {
  AliyunClient,
  buildUserData,
  CREATE_UPLOAD_VIDEO,
  credentialFields,
  REFRESH_UPLOAD_VIDEO,
  UPLOAD_NOT_FOUND,
  type UploadVideoResponseBody,
} from '@app/aliyun';
import { ALIYUN } from '@app/registry';
import { ApiError, newUploadId, PolicyCheck } from '@app/common';
import { ConfigService } from '@app/config';
import type { CreateUploadVideoDto } from './dto/create-upload-video.dto';
import type { VideoUploadDto } from './dto/video-upload.dto';
import { UploadOwnership } from '../../uploads/upload-ownership';

/** Anything else cannot be a video id we issued; answered like an unknown id, without a lookup. */
const VIDEO_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Store namespace of video ownership records. */
export const VIDEO_RESOURCE = 'aliyun-vod:video';

@Injectable()
export class VideosService {
  private readonly logger = new Logger(VideosService.name);

  constructor(
    private readonly aliyun: AliyunClient,
    private readonly ownership: UploadOwnership,
    private readonly config: ConfigService,
  ) {}

  /**
   * `referenceId` (6-64 of [A-Za-z0-9_-]) becomes CreateUploadVideo's ReferenceId, for the
   * idempotency layer; a malformed one is a programming error.
   */
  async create(user: Principal, dto: CreateUploadVideoDto, referenceId?: string): Promise<VideoUploadDto> {
    if (referenceId !== undefined && !ALIYUN.REFERENCE_ID_PATTERN.test(referenceId)) {
      throw new RangeError('referenceId must be 6-64 characters of letters, digits, "_" or "-"');
    }
    const vod = this.config.product('aliyun-vod');
    new PolicyCheck()
      .allowed('templateGroupId', dto.templateGroupId, vod.templateGroupIds)
      .allowed('workflowId', dto.workflowId, vod.workflowIds)
      .allowed('cateId', dto.cateId, vod.cateIds)
      .atMost('fileSize', dto.fileSize, vod.maxVideoFileSize)
      .done();

    const uploadId = newUploadId();
    // A client's choice replaces both defaults: a default workflow would otherwise override its template group.
    const chosen = dto.templateGroupId !== undefined || dto.workflowId !== undefined;
    const result = await this.aliyun.call(CREATE_UPLOAD_VIDEO, {
      appId: vod.appId,
      cateId: dto.cateId,
      coverURL: dto.coverUrl,
      description: dto.description,
      fileName: dto.fileName,
      fileSize: dto.fileSize,
      referenceId,
      storageLocation: vod.storageLocation,
      tags: dto.tags?.join(','),
      templateGroupId: chosen ? dto.templateGroupId : vod.defaultTemplateGroupId,
      title: dto.title,
      userData: buildUserData({ callbackUrl: vod.callbackUrl, userId: user.id, uploadId }),
      workflowId: chosen ? dto.workflowId : vod.defaultWorkflowId,
    });
    try {
      await this.ownership.record(VIDEO_RESOURCE, result.videoId, { ownerId: user.id, uploadId });
    } catch (error) {
      // The video exists upstream but nobody can refresh it: say which one, for clean-up.
      this.logger.warn({
        event: 'video created but its owner record was not saved',
        videoId: result.videoId,
        uploadId,
        upstreamRequestId: result.requestId,
      });
      throw error;
    }
    return toVideoUpload(uploadId, result);
  }

  /** Only the owner; anyone else, and any id we never issued, gets the same 404 without an upstream call. */
  async refresh(user: Principal, videoId: string): Promise<VideoUploadDto> {
    const record = VIDEO_ID.test(videoId) ? await this.ownership.find(VIDEO_RESOURCE, videoId) : undefined;
    if (!record || record.ownerId !== user.id) throw ApiError.notFound(UPLOAD_NOT_FOUND);
    const result = await this.aliyun.call(REFRESH_UPLOAD_VIDEO, { videoId });
    return toVideoUpload(record.uploadId, result);
  }
}

function toVideoUpload(uploadId: string, result: UploadVideoResponseBody): VideoUploadDto {
  return {
    uploadId,
    videoId: result.videoId,
    ...credentialFields(result),
  };
}
