import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CREATE_UPLOAD_MEDIA, REFRESH_UPLOAD_MEDIA, aliyunProblems } from '@app/aliyun';
import { CurrentUser, type Principal } from '@app/auth';
import { validationProblem } from '@app/common';
import { UPLOAD_PROBLEMS } from '../../uploads/upload-problems';
import { UploadRoute } from '../../uploads/upload-route.decorator';
import { CREATE_UPLOAD_MEDIA_EXAMPLES, CreateUploadMediaDto } from './dto/create-upload-media.dto';
import { IMS_MEDIA_REFRESH_EXAMPLE, IMS_MEDIA_UPLOAD_EXAMPLE, ImsMediaRefreshDto, ImsMediaUploadDto } from './dto/ims-media-upload.dto';
import { MediaService } from './media.service';

@ApiTags('aliyun-ims')
@Controller('v1/uploads/aliyun-ims/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @UploadRoute({
    kind: 'aliyun-ims-media',
    idempotent: true,
    invalid: validationProblem(
      'the request body `{"fileInfo":{"type":"video","name":"clip","ext":"mp4"},"mediaMetaData":{"title":" ","businessType":"general"}}`',
      [{ field: 'mediaMetaData.title', message: 'title must not be empty or blank' }],
    ),
    upstream: aliyunProblems(CREATE_UPLOAD_MEDIA),
    operationId: 'createAliyunImsMediaUpload',
    summary: 'Upload address and credential for a new media asset (IMS CreateUploadMedia).',
    body: { type: CreateUploadMediaDto, examples: CREATE_UPLOAD_MEDIA_EXAMPLES },
    answer: {
      status: 201,
      type: ImsMediaUploadDto,
      description: 'The media asset is created; upload with uploadAddress and uploadAuth.',
      example: IMS_MEDIA_UPLOAD_EXAMPLE,
    },
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateUploadMediaDto): Promise<ImsMediaUploadDto> {
    return this.media.create(user, body);
  }

  @UploadRoute({
    kind: 'aliyun-ims-media-refresh',
    path: ':mediaId/refresh',
    upstream: aliyunProblems(REFRESH_UPLOAD_MEDIA),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.revoked],
    operationId: 'refreshAliyunImsMediaUpload',
    summary: 'A fresh upload credential for your media asset (IMS RefreshUploadMedia). No body.',
    param: { name: 'mediaId', description: 'A media id this service issued to you.', example: '****20b48fb04483915d4f2cd8ac****' },
    answer: {
      status: 200,
      type: ImsMediaRefreshDto,
      description: 'The same uploadAddress with a fresh uploadAuth.',
      example: IMS_MEDIA_REFRESH_EXAMPLE,
    },
  })
  refresh(@CurrentUser() user: Principal, @Param('mediaId') mediaId: string): Promise<ImsMediaRefreshDto> {
    return this.media.refresh(user, mediaId);
  }
}
