import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CREATE_UPLOAD_ATTACHED_MEDIA, aliyunProblems } from '@app/aliyun';
import { CurrentUser, type Principal } from '@app/auth';
import { validationProblem } from '@app/common';
import { UploadRoute } from '../../uploads/upload-route.decorator';
import { AttachedMediaService } from './attached-media.service';
import { ATTACHED_MEDIA_UPLOAD_EXAMPLE, AttachedMediaUploadDto } from './dto/attached-media-upload.dto';
import { CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES, CreateUploadAttachedMediaDto } from './dto/create-upload-attached-media.dto';

@ApiTags('aliyun-vod')
@Controller('v1/uploads/aliyun-vod/attached-media')
export class AttachedMediaController {
  constructor(private readonly attachedMedia: AttachedMediaService) {}

  @UploadRoute({
    kind: 'aliyun-vod-attached-media',
    idempotent: true,
    invalid: validationProblem('the request body `{"businessType":"watermark","mediaExt":"mp4"}`', [
      { field: 'mediaExt', message: 'mediaExt must be one of png, gif, apng, mov when businessType is watermark' },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_ATTACHED_MEDIA),
    operationId: 'createAliyunVodAttachedMediaUpload',
    summary: 'Upload address and credential for a watermark, subtitle or material file (VOD CreateUploadAttachedMedia). Not refreshable.',
    body: { type: CreateUploadAttachedMediaDto, examples: CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES },
    answer: {
      status: 201,
      type: AttachedMediaUploadDto,
      description: 'The media is created; upload with uploadAddress and uploadAuth.',
      example: ATTACHED_MEDIA_UPLOAD_EXAMPLE,
    },
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateUploadAttachedMediaDto): Promise<AttachedMediaUploadDto> {
    return this.attachedMedia.create(user, body);
  }
}
