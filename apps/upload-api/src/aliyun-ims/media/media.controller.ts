import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { ProtectedUpload } from '@app/protection';
import { ApiJsonBody } from '@app/common';
import { CreateUploadMediaDto } from './dto/create-upload-media.dto';
import { ImsMediaRefreshDto, ImsMediaUploadDto } from './dto/ims-media-upload.dto';
import { CREATE_UPLOAD_MEDIA_EXAMPLES } from './dto/create-upload-media.dto';
import { IMS_MEDIA_REFRESH_EXAMPLE, IMS_MEDIA_UPLOAD_EXAMPLE } from './dto/ims-media-upload.dto';
import { MediaService } from './media.service';

@ApiTags('aliyun-ims')
@Controller('v1/uploads/aliyun-ims/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @ProtectedUpload('aliyun-ims-media', { idempotent: true })
  @ApiOperation({
    operationId: 'createAliyunImsMediaUpload',
    summary: 'Upload address and credential for a new media asset (IMS CreateUploadMedia).',
  })
  @ApiJsonBody(CreateUploadMediaDto, CREATE_UPLOAD_MEDIA_EXAMPLES)
  @ApiCreatedResponse({
    type: ImsMediaUploadDto,
    description: 'The media asset is created; upload with uploadAddress and uploadAuth.',
    example: IMS_MEDIA_UPLOAD_EXAMPLE,
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateUploadMediaDto): Promise<ImsMediaUploadDto> {
    return this.media.create(user, body);
  }

  @Post(':mediaId/refresh')
  @HttpCode(200)
  @ProtectedUpload('aliyun-ims-media-refresh', { problems: [404] })
  @ApiOperation({
    operationId: 'refreshAliyunImsMediaUpload',
    summary: 'A fresh upload credential for your media asset (IMS RefreshUploadMedia). No body.',
  })
  @ApiParam({ name: 'mediaId', description: 'A media id this service issued to you.', example: '****20b48fb04483915d4f2cd8ac****' })
  @ApiOkResponse({
    type: ImsMediaRefreshDto,
    description: 'The same uploadAddress with a fresh uploadAuth.',
    example: IMS_MEDIA_REFRESH_EXAMPLE,
  })
  refresh(@CurrentUser() user: Principal, @Param('mediaId') mediaId: string): Promise<ImsMediaRefreshDto> {
    return this.media.refresh(user, mediaId);
  }
}
