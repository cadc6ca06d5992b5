import type { OpenApiExamples } from '@app/common';
import type { CreateUploadImageDto } from './dto/create-upload-image.dto';
import type { ImageUploadDto } from './dto/image-upload.dto';

// From the CreateUploadImage seed (request parameters, sample request and JSON success response).

export const CREATE_UPLOAD_IMAGE_EXAMPLES = {
  image: {
    summary: 'An image, with the values of the CreateUploadImage documentation',
    value: {
      imageType: 'default',
      imageExt: 'png',
      title: 'mytitle',
      description: 'Image upload test',
      tags: ['Test'],
      cateId: 1000036,
      originalFileName: 'cover.png',
    },
  },
  minimal: {
    summary: 'The sample request: only the image type',
    value: { imageType: 'default' },
  },
} satisfies OpenApiExamples<CreateUploadImageDto>;

export const IMAGE_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  imageId: '93ab850b4f6f4*****6e91d24d81d4',
  imageUrl: 'http://aliyun.com/cover/2017-*****B-4F4C-9373-003AA06012EA.png',
  fileUrl: 'http://aliyun.com/cover/2017-*****B-4F4C-9373-003AA06012EA.png',
  uploadAddress: 'eyJTZWN1cm*****uIjoiQ0FJU3p3TjF',
  uploadAuth: 'eyJFbmR*****CI6Im',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '25818875-5F78*****EF6-D7393642CA58',
} satisfies ImageUploadDto;
