import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { ApiJsonBody } from '@app/common';
import { ProtectedUpload } from '@app/protection';
import { ATTACHED_MEDIA_UPLOAD_EXAMPLE } from './dto/attached-media-upload.dto';
import { CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES } from './dto/create-upload-attached-media.dto';
import { AttachedMediaService } from './attached-media.service';
import { AttachedMediaUploadDto } from './dto/attached-media-upload.dto';
import { CreateUploadAttachedMediaDto } from './dto/create-upload-attached-media.dto';

@ApiTags('aliyun-vod')
@Controller('v1/uploads/aliyun-vod/attached-media')
export class AttachedMediaController {
  constructor(private readonly attachedMedia: AttachedMediaService) {}

  @Post()
  @ProtectedUpload('aliyun-vod-attached-media', { idempotent: true })
  @ApiOperation({
    operationId: 'createAliyunVodAttachedMediaUpload',
    summary: 'Upload address and credential for a watermark, subtitle or material file (VOD CreateUploadAttachedMedia). Not refreshable.',
  })
  @ApiJsonBody(CreateUploadAttachedMediaDto, CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES)
  @ApiCreatedResponse({
    type: AttachedMediaUploadDto,
    description: 'The media is created; upload with uploadAddress and uploadAuth.',
    example: ATTACHED_MEDIA_UPLOAD_EXAMPLE,
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateUploadAttachedMediaDto): Promise<AttachedMediaUploadDto> {
    return this.attachedMedia.create(user, body);
  }
}
