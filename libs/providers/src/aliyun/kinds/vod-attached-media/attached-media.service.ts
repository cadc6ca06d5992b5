import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { AliyunClient, CREATE_UPLOAD_ATTACHED_MEDIA } from '../../client';
import { buildUserData, credentialFields } from '../../credential';
import { PolicyCheck } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec } from '@app/registry';
import { vodSettings } from '../../config/aliyun.section';
import { UploadRecords } from '@app/uploads';
import type { AttachedMediaUploadDto } from './dto/attached-media-upload.dto';
import type { CreateUploadAttachedMediaDto } from './dto/create-upload-attached-media.dto';

@Injectable()
export class AttachedMediaService {
  constructor(
    private readonly aliyun: AliyunClient,
    private readonly uploads: UploadRecords,
    private readonly config: ConfigService,
  ) {}

  async create(kind: KindSpec, user: Principal, dto: CreateUploadAttachedMediaDto): Promise<AttachedMediaUploadDto> {
    const vod = vodSettings(this.config, user.region);
    new PolicyCheck()
      .allowedEach('cateIds', dto.cateIds, vod.cateIds)
      .atMost('fileSize', dto.fileSize, vod.maxAttachedMediaFileSize)
      .done();
    const { uploadId, result } = await this.uploads.issue(
      user,
      kind,
      (uploadId) =>
        this.aliyun.call(
          CREATE_UPLOAD_ATTACHED_MEDIA,
          {
            appId: vod.appId,
            businessType: dto.businessType,
            cateIds: dto.cateIds?.join(','),
            description: dto.description,
            fileName: dto.fileName,
            fileSize: dto.fileSize === undefined ? undefined : String(dto.fileSize),
            mediaExt: dto.mediaExt,
            storageLocation: vod.storageLocation,
            tags: dto.tags?.join(','),
            title: dto.title,
            userData: buildUserData({ callbackUrl: vod.callbackUrl, userId: user.id, uploadId }),
          },
          { region: user.region },
        ),
      // Attached-media events carry no Extend: they find the upload by this id.
      (answer) => ({ mediaId: answer.mediaId }),
      { size: dto.fileSize, format: dto.mediaExt },
    );
    return { uploadId, mediaId: result.mediaId, mediaUrl: result.mediaURL, fileUrl: result.fileURL, ...credentialFields(result) };
  }
}
