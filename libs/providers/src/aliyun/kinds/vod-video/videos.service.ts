import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { fileExtension, PolicyCheck } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec } from '@app/registry';
import { UploadRecords } from '@app/uploads';
import { ALIYUN } from '../../aliyun.facts';
import { AliyunClient, CREATE_UPLOAD_VIDEO, REFRESH_UPLOAD_VIDEO, type UploadVideoResponseBody } from '../../client';
import { vodSettings } from '../../config/aliyun.section';
import { buildUserData, credentialFields } from '../../credential';
import type { CreateUploadVideoDto } from './dto/create-upload-video.dto';
import type { VideoUploadDto } from './dto/video-upload.dto';

/** CreateUploadVideo and RefreshUploadVideo, which VOD uses for video and audio files alike. */
@Injectable()
export class VideosService {
  constructor(
    private readonly aliyun: AliyunClient,
    private readonly uploads: UploadRecords,
    private readonly config: ConfigService,
  ) {}

  /**
   * A new video or audio file of `kind`. `referenceId` (6-64 of [A-Za-z0-9_-]) becomes CreateUploadVideo's
   * ReferenceId, for the idempotency layer; a malformed one is a programming error.
   */
  async create(kind: KindSpec, user: Principal, dto: CreateUploadVideoDto, referenceId?: string): Promise<VideoUploadDto> {
    if (referenceId !== undefined && !ALIYUN.REFERENCE_ID_PATTERN.test(referenceId)) {
      throw new RangeError('referenceId must be 6-64 characters of letters, digits, "_" or "-"');
    }
    const vod = vodSettings(this.config, user.region);
    new PolicyCheck()
      .allowed('templateGroupId', dto.templateGroupId, vod.templateGroupIds)
      .allowed('workflowId', dto.workflowId, vod.workflowIds)
      .allowed('cateId', dto.cateId, vod.cateIds)
      .atMost('fileSize', dto.fileSize, vod.maxVideoFileSize)
      .done();

    // A client's choice replaces both defaults: a default workflow would otherwise override its template group.
    const chosen = dto.templateGroupId !== undefined || dto.workflowId !== undefined;
    const { uploadId, result } = await this.uploads.issue(
      user,
      kind,
      (uploadId) =>
        this.aliyun.call(
          CREATE_UPLOAD_VIDEO,
          {
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
          },
          { region: user.region },
        ),
      (answer) => ({ videoId: answer.videoId }),
      { size: dto.fileSize, format: fileExtension(dto.fileName) },
    );
    return toVideoUpload(uploadId, result);
  }

  /**
   * A fresh credential for an upload of `kind` (the create's kind): only the owner, only while not revoked;
   * anyone else, another kind's id, and any id we never issued get the same 404 without an upstream call.
   * It goes to the upload's region, wherever the user's token points now.
   */
  async refresh(kind: KindSpec, user: Principal, videoId: string): Promise<VideoUploadDto> {
    const record = this.uploads.requireIncomplete(
      await this.uploads.findOwnedByProviderId(user, kind.product.id, 'videoId', videoId, kind.id),
    );
    const result = await this.aliyun.call(REFRESH_UPLOAD_VIDEO, { videoId }, { region: record.region });
    return toVideoUpload(record.uploadId, result);
  }
}

function toVideoUpload(uploadId: string, result: UploadVideoResponseBody): VideoUploadDto {
  return { uploadId, videoId: result.videoId, ...credentialFields(result) };
}
