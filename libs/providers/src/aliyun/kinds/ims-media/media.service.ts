import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { AliyunClient, CREATE_UPLOAD_MEDIA, REFRESH_UPLOAD_MEDIA } from '../../client';
import { buildUserData, credentialFields } from '../../credential';
import { PolicyCheck } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec } from '@app/registry';
import { imsSettings } from '../../config/aliyun.section';
import { ICE_POST_PROCESS_TYPES, ICE_PROCESS_TYPE, ICE_STORAGE_TYPE } from '../../aliyun.facts';
import { UploadRecords } from '@app/uploads';
import type { CreateUploadMediaDto } from './dto/create-upload-media.dto';
import type { ImsMediaRefreshDto, ImsMediaUploadDto } from './dto/ims-media-upload.dto';

@Injectable()
export class MediaService {
  constructor(
    private readonly aliyun: AliyunClient,
    private readonly uploads: UploadRecords,
    private readonly config: ConfigService,
  ) {}

  async create(kind: KindSpec, user: Principal, dto: CreateUploadMediaDto): Promise<ImsMediaUploadDto> {
    const ims = imsSettings(this.config, user.region);
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
    const { uploadId, result } = await this.uploads.issue(
      user,
      kind,
      (uploadId) =>
        this.aliyun.call(
          CREATE_UPLOAD_MEDIA,
          {
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
          },
          { region: user.region },
        ),
      (answer) => ({ mediaId: answer.mediaId }),
      { size: fileInfo.size, format: fileInfo.ext },
    );
    return { uploadId, mediaId: result.mediaId, mediaUrl: result.mediaURL, fileUrl: result.fileURL, ...credentialFields(result) };
  }

  /**
   * A fresh credential for a media asset of `kind` (the create's kind): only the owner, only while not revoked;
   * anyone else, and any id we never issued, gets the same 404 without an upstream call.
   */
  async refresh(kind: KindSpec, user: Principal, mediaId: string): Promise<ImsMediaRefreshDto> {
    const record = this.uploads.requireIncomplete(
      await this.uploads.findOwnedByProviderId(user, kind.product.id, 'mediaId', mediaId, kind.id),
    );
    const result = await this.aliyun.call(REFRESH_UPLOAD_MEDIA, { mediaId }, { region: record.region });
    return { uploadId: record.uploadId, mediaId: result.mediaId, ...credentialFields(result) };
  }
}
