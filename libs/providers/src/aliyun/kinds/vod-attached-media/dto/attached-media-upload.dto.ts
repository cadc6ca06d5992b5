import { AliyunCredentialDto } from '../../../credential';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An attached-media credential. Not refreshable: ask for a new one when it expires. */
export class AttachedMediaUploadDto extends AliyunCredentialDto {
  @ApiProperty({ example: '97dc17a5a*****bc3668489b84ce9' })
  mediaId: string;

  @ApiPropertyOptional({
    description: 'URL of the media (a CDN URL when VOD has a domain).',
    example: 'http://sample.com/watermark/****.mov?auth_key=****',
  })
  mediaUrl?: string;

  @ApiPropertyOptional({
    description: 'OSS URL of the file, without authentication.',
    example: 'https://sample.oss-cn-shanghai.aliyuncs.com/watermark/****.mov',
  })
  fileUrl?: string;
}

// The JSON success response of the CreateUploadAttachedMedia seed.
export const ATTACHED_MEDIA_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  mediaId: '97dc17a5a*****bc3668489b84ce9',
  mediaUrl: 'http://sample.com/watermark/****.mov?auth_key=****',
  fileUrl: 'https://sample.oss-cn-shanghai.aliyuncs.com/watermark/****.mov',
  uploadAddress: 'LWNuLXNoYW5*****naGFpLmFsaXl1b',
  uploadAuth: 'UzFnUjFxNkZ0NUI*****ZTaklyNWJoQ00zdHF',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '73254DE5-F260-47*****20-D06856B63C01',
} satisfies AttachedMediaUploadDto;
