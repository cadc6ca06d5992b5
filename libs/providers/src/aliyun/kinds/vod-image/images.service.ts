import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { AliyunClient, CREATE_UPLOAD_IMAGE } from '../../client';
import { VOD_DEFAULT_IMAGE_EXT } from '../../aliyun.facts';
import { buildUserData, credentialFields } from '../../credential';
import { PolicyCheck } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec } from '@app/registry';
import { vodSettings } from '../../config/aliyun.section';
import { UploadRecords } from '@app/uploads';
import type { CreateUploadImageDto } from './dto/create-upload-image.dto';
import type { ImageUploadDto } from './dto/image-upload.dto';

@Injectable()
export class ImagesService {
  constructor(
    private readonly aliyun: AliyunClient,
    private readonly uploads: UploadRecords,
    private readonly config: ConfigService,
  ) {}

  async create(kind: KindSpec, user: Principal, dto: CreateUploadImageDto): Promise<ImageUploadDto> {
    const vod = vodSettings(this.config, user.region);
    new PolicyCheck().allowed('cateId', dto.cateId, vod.cateIds).done();
    const { uploadId, result } = await this.uploads.issue(
      user,
      kind,
      (uploadId) =>
        this.aliyun.call(
          CREATE_UPLOAD_IMAGE,
          {
            appId: vod.appId,
            cateId: dto.cateId,
            description: dto.description,
            imageExt: dto.imageExt,
            imageType: dto.imageType,
            originalFileName: dto.originalFileName,
            storageLocation: vod.storageLocation,
            tags: dto.tags?.join(','),
            title: dto.title,
            userData: buildUserData({ callbackUrl: vod.callbackUrl, userId: user.id, uploadId }),
          },
          { region: user.region },
        ),
      // Image events carry no Extend: they find the upload by this id.
      (answer) => ({ imageId: answer.imageId }),
      // The stored object is named with ImageExt, png when it is absent (seed CreateUploadImage).
      { format: dto.imageExt ?? VOD_DEFAULT_IMAGE_EXT },
    );
    return { uploadId, imageId: result.imageId, imageUrl: result.imageURL, fileUrl: result.fileURL, ...credentialFields(result) };
  }
}
