import { AliyunCredentialDto } from '../../../credential';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An IMS media credential (create). */
export class ImsMediaUploadDto extends AliyunCredentialDto {
  @ApiProperty({ description: 'The IMS media id; refresh with it.', example: '****20b48fb04483915d4f2cd8ac****' })
  mediaId: string;

  @ApiPropertyOptional({
    description: 'URL of the media; absent when IMS returns none (no CDN domain).',
    example: 'https://outin-***.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
  })
  mediaUrl?: string;

  @ApiPropertyOptional({ description: 'OSS URL of the file, without authentication.', example: 'http://outin-***' })
  fileUrl?: string;
}

/** A refreshed IMS credential: RefreshUploadMedia returns no URLs. */
export class ImsMediaRefreshDto extends AliyunCredentialDto {
  @ApiProperty({ example: 'c2e77390f75271ec802f0674a2ce6***' })
  mediaId: string;
}

// The JSON success response of the CreateUploadMedia seed. Its UploadAuth decodes to an AccessKey
// pair, so ours is cut before any key.
/** IMS returned an empty MediaURL (no CDN domain), so mediaUrl is absent. */
export const IMS_MEDIA_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  mediaId: '****20b48fb04483915d4f2cd8ac****',
  fileUrl: 'http://outin-***',
  uploadAddress: 'eyJFbmRwb2ludCI6Imh0dHBzOi8vb3NzLWNuLXNoYW5naGFpLmFsaXl1bmNzLmNvbSIsIkJ1Y2tldCI6InN6aGQtdmlkZW8i***',
  uploadAuth: 'eyJBY2Nlc3NLZXlJZCI6IlNUUy4***',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '4E84BE44-58A7-****-****-FBEBEA16EF94',
} satisfies ImsMediaUploadDto;

/** RefreshUploadMedia: the same media and address, a fresh credential; no URLs. */
export const IMS_MEDIA_REFRESH_EXAMPLE = {
  uploadId: IMS_MEDIA_UPLOAD_EXAMPLE.uploadId,
  mediaId: IMS_MEDIA_UPLOAD_EXAMPLE.mediaId,
  uploadAddress: IMS_MEDIA_UPLOAD_EXAMPLE.uploadAddress,
  uploadAuth: 'eyJBY2Nlc3NLZXlJZCI6IlNUUy5O***',
  expiresAt: '2026-03-31T11:40:00Z',
  requestId: '******11-DB8D-4A9A-875B-275798******',
} satisfies ImsMediaRefreshDto;
