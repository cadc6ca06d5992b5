import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { ApiJsonBody } from '@app/common';
import { ProtectedUpload } from '@app/protection';
import { CreateUploadImageDto } from './dto/create-upload-image.dto';
import { ImageUploadDto } from './dto/image-upload.dto';
import { CREATE_UPLOAD_IMAGE_EXAMPLES } from './dto/create-upload-image.dto';
import { IMAGE_UPLOAD_EXAMPLE } from './dto/image-upload.dto';
import { ImagesService } from './images.service';

@ApiTags('aliyun-vod')
@Controller('v1/uploads/aliyun-vod/images')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Post()
  @ProtectedUpload('aliyun-vod-image', { idempotent: true })
  @ApiOperation({
    operationId: 'createAliyunVodImageUpload',
    summary: 'Upload address and credential for an image (VOD CreateUploadImage). Not refreshable.',
  })
  @ApiJsonBody(CreateUploadImageDto, CREATE_UPLOAD_IMAGE_EXAMPLES)
  @ApiCreatedResponse({
    type: ImageUploadDto,
    description: 'The image is created; upload with uploadAddress and uploadAuth.',
    example: IMAGE_UPLOAD_EXAMPLE,
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateUploadImageDto): Promise<ImageUploadDto> {
    return this.images.create(user, body);
  }
}
