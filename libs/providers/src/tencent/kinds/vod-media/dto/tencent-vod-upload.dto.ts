import { ApiProperty } from '@nestjs/swagger';

// Examples follow the ApplyUpload output example (266/31767); the certificate expiry is made consistent with expiresAt.

export class TencentVodTempCertificateDto {
  @ApiProperty({ description: 'Temporary SecretId for the COS upload.', example: 'xxxxxxx' })
  secretId: string;

  @ApiProperty({ description: 'Temporary SecretKey for the COS upload (valid until expiredTime).', example: 'xxxxxxxx' })
  secretKey: string;

  @ApiProperty({ description: 'Security token (x-cos-security-token) for the COS upload.', example: 'xxxxxxxx' })
  token: string;

  @ApiProperty({ description: 'When the certificate stops working, Unix seconds.', example: 1893456000 })
  expiredTime: number;
}

/** What a client needs to upload to COS with a COS SDK, then commit through us. */
export class TencentVodUploadDto {
  @ApiProperty({ description: 'Our id for this upload; commit with it. Opaque.', example: 'upl_3q2-7wAbQ0mHk1x9ZcVn4A' })
  uploadId: string;

  @ApiProperty({ description: 'COS bucket (with its AppId suffix).', example: 'xadacq111211-100922' })
  storageBucket: string;

  @ApiProperty({ description: 'COS region of the bucket.', example: 'ap-chongqing' })
  storageRegion: string;

  @ApiProperty({ description: 'Object key of the media file.', example: '/dir/name.xx' })
  mediaStoragePath: string;

  @ApiProperty({
    description: 'Object key of the cover; null when no coverType was given.',
    type: String,
    nullable: true,
    example: '/dir/cover.xx',
  })
  coverStoragePath: string | null;

  @ApiProperty({ type: TencentVodTempCertificateDto })
  tempCertificate: TencentVodTempCertificateDto;

  @ApiProperty({
    description: 'When the certificate expires (RFC 3339, UTC). Commit soon after uploading.',
    format: 'date-time',
    example: '2030-01-01T00:00:00Z',
  })
  expiresAt: string;

  @ApiProperty({ description: "Tencent Cloud's RequestId of the ApplyUpload call.", example: '880f3005-a8c9-4bba-8c87-74e216a17a0b' })
  requestId: string;
}

/** The ApplyUpload output example; the certificate expiry made consistent with expiresAt. */
export const TENCENT_VOD_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2-7wAbQ0mHk1x9ZcVn4A',
  storageBucket: 'xadacq111211-100922',
  storageRegion: 'ap-chongqing',
  mediaStoragePath: '/dir/name.xx',
  coverStoragePath: '/dir/cover.xx',
  tempCertificate: { secretId: 'xxxxxxx', secretKey: 'xxxxxxxx', token: 'xxxxxxxx', expiredTime: 1893456000 },
  expiresAt: '2030-01-01T00:00:00Z',
  requestId: '880f3005-a8c9-4bba-8c87-74e216a17a0b',
} satisfies TencentVodUploadDto;
