import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { AliyunClient, buildUserData, CREATE_UPLOAD_MEDIA, credentialFields, REFRESH_UPLOAD_MEDIA, UPLOAD_NOT_FOUND } from '@app/aliyun';
import { ICE_POST_PROCESS_TYPES, ICE_PROCESS_TYPE, ICE_STORAGE_TYPE } from '@app/registry';
import { ApiError, newUploadId, PolicyCheck } from '@app/common';
import { ConfigService } from '@app/config';
import type { CreateUploadMediaDto } from './dto/create-upload-media.dto';
import type { ImsMediaRefreshDto, ImsMediaUploadDto } from './dto/ims-media-upload.dto';
import { UploadOwnership } from '../../uploads/upload-ownership';

/** Anything else cannot be a media id we issued; answered like an unknown id, without a lookup. */
const MEDIA_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Store namespace of IMS media ownership records. */
export const MEDIA_RESOURCE = 'aliyun-ims:media';

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);

  constructor(
    private readonly aliyun: AliyunClient,
    private readonly ownership: UploadOwnership,
    private readonly config: ConfigService,
  ) {}

  async create(user: Principal, dto: CreateUploadMediaDto): Promise<ImsMediaUploadDto> {
    const ims = this.config.product('aliyun-ims');
    const { fileInfo, mediaMetaData: meta } = dto;
    // PostProcessConfig "can be specified if Type is set to video or audio" (seed).
    const processable = ICE_POST_PROCESS_TYPES.includes(fileInfo.type);
    const check = new PolicyCheck()
      .allowed('workflowId', dto.workflowId, ims.workflowIds)
      .allowed('mediaMetaData.cateId', meta.cateId, ims.cateIds)
      .atMost('fileInfo.size', fileInfo.size, ims.maxFileSize);
    if (dto.workflowId !== undefined && !processable)
      check.refuse('workflowId', 'workflowId applies only when fileInfo.type is video or audio');
    check.done();

    const workflowId = processable ? (dto.workflowId ?? ims.defaultWorkflowId) : undefined;
    const uploadId = newUploadId();
    const result = await this.aliyun.call(CREATE_UPLOAD_MEDIA, {
      appId: ims.appId,
      entityId: dto.entityId,
      fileInfo: { Type: fileInfo.type, Name: fileInfo.name, Size: fileInfo.size, Ext: fileInfo.ext },
      mediaMetaData: {
        Title: meta.title,
        Description: meta.description,
        Tags: meta.tags?.join(','),
        CateId: meta.cateId,
        BusinessType: meta.businessType,
        CoverURL: meta.coverUrl,
      },
      uploadTargetConfig: ims.storageLocation ? { StorageType: ICE_STORAGE_TYPE, StorageLocation: ims.storageLocation } : undefined,
      postProcessConfig: workflowId ? { ProcessType: ICE_PROCESS_TYPE, ProcessID: workflowId } : undefined,
      userData: buildUserData({ callbackUrl: ims.callbackUrl, userId: user.id, uploadId }),
    });
    try {
      await this.ownership.record(MEDIA_RESOURCE, result.mediaId, { ownerId: user.id, uploadId });
    } catch (error) {
      this.logger.warn({
        event: 'media created but its owner record was not saved',
        mediaId: result.mediaId,
        uploadId,
        upstreamRequestId: result.requestId,
      });
      throw error;
    }
    return {
      uploadId,
      mediaId: result.mediaId,
      mediaUrl: result.mediaURL,
      fileUrl: result.fileURL,
      ...credentialFields(result),
    };
  }

  /** Only the owner; anyone else, and any id we never issued, gets the same 404 without an upstream call. */
  async refresh(user: Principal, mediaId: string): Promise<ImsMediaRefreshDto> {
    const record = MEDIA_ID.test(mediaId) ? await this.ownership.find(MEDIA_RESOURCE, mediaId) : undefined;
    if (!record || record.ownerId !== user.id) throw ApiError.notFound(UPLOAD_NOT_FOUND);
    const result = await this.aliyun.call(REFRESH_UPLOAD_MEDIA, { mediaId });
    return {
      uploadId: record.uploadId,
      mediaId: result.mediaId,
      ...credentialFields(result),
    };
  }
}
