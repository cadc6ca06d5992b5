import { validationProblem } from '@app/common';
import type { KindSpec } from '@app/registry';
import { created, defineKind } from '@app/uploads';
import { VOD } from '../../aliyun.products';
import { aliyunProblems, CREATE_UPLOAD_IMAGE } from '../../client';
import { CREATE_UPLOAD_IMAGE_EXAMPLES, CreateUploadImageDto } from './dto/create-upload-image.dto';
import { IMAGE_UPLOAD_EXAMPLE, ImageUploadDto } from './dto/image-upload.dto';
import { ImagesService } from './images.service';

const IMAGE: KindSpec = { id: 'aliyun-vod-image', product: VOD, permission: 'upload:image', quota: 200, callsUpstream: true };

/** VOD CreateUploadImage: an image (not refreshable). */
export const VOD_IMAGE = defineKind({
  spec: IMAGE,
  issuer: ImagesService,
  issue: (images, { user, body }) => images.create(IMAGE, user, body),
  route: {
    path: 'aliyun-vod/images',
    idempotent: true,
    invalid: validationProblem('the request body `{"imageType":"poster"}`', [
      { field: 'imageType', message: 'imageType must be one of the following values: default, cover' },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_IMAGE),
    operationId: 'createAliyunVodImageUpload',
    summary: 'Upload address and credential for an image (VOD CreateUploadImage). Not refreshable.',
    body: { type: CreateUploadImageDto, examples: CREATE_UPLOAD_IMAGE_EXAMPLES },
    answer: created(ImageUploadDto, 'The image is created; upload with uploadAddress and uploadAuth.', IMAGE_UPLOAD_EXAMPLE),
  },
});
