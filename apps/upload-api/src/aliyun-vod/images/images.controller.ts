import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CREATE_UPLOAD_IMAGE, aliyunProblems } from '@app/aliyun';
import { CurrentUser, type Principal } from '@app/auth';
import { validationProblem } from '@app/common';
import { UploadRoute } from '../../uploads/upload-route.decorator';
import { CREATE_UPLOAD_IMAGE_EXAMPLES, CreateUploadImageDto } from './dto/create-upload-image.dto';
import { IMAGE_UPLOAD_EXAMPLE, ImageUploadDto } from './dto/image-upload.dto';
import { ImagesService } from './images.service';

@ApiTags('aliyun-vod')
@Controller('v1/uploads/aliyun-vod/images')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @UploadRoute({
    kind: 'aliyun-vod-image',
    idempotent: true,
    invalid: validationProblem('the request body `{"imageType":"poster"}`', [
      { field: 'imageType', message: 'imageType must be one of the following values: default, cover' },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_IMAGE),
    operationId: 'createAliyunVodImageUpload',
    summary: 'Upload address and credential for an image (VOD CreateUploadImage). Not refreshable.',
    body: { type: CreateUploadImageDto, examples: CREATE_UPLOAD_IMAGE_EXAMPLES },
    answer: {
      status: 201,
      type: ImageUploadDto,
      description: 'The image is created; upload with uploadAddress and uploadAuth.',
      example: IMAGE_UPLOAD_EXAMPLE,
    },
  })
  create(@CurrentUser() user: Principal, @Body() body: CreateUploadImageDto): Promise<ImageUploadDto> {
    return this.images.create(user, body);
  }
}
