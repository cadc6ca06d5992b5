import { AliyunCredentialDto } from '../../../credential';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An image credential. Image credentials cannot be refreshed: ask for a new one when it expires. */
export class ImageUploadDto extends AliyunCredentialDto {
  @ApiProperty({ example: '93ab850b4f6f4*****6e91d24d81d4' })
  imageId: string;

  @ApiPropertyOptional({
    description: 'URL of the image (a CDN URL when VOD has a domain).',
    example: 'http://aliyun.com/cover/2017-*****B-4F4C-9373-003AA06012EA.png',
  })
  imageUrl?: string;

  @ApiPropertyOptional({
    description: 'OSS URL of the file, without authentication.',
    example: 'http://aliyun.com/cover/2017-*****B-4F4C-9373-003AA06012EA.png',
  })
  fileUrl?: string;
}

// The JSON success response of the CreateUploadImage seed.
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
