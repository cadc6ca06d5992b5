import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UPLOAD_KIND_NAMES, UPLOAD_PROVIDERS, type UploadKind, type UploadProvider } from '@app/registry';
import { UPLOAD_STATUSES, type UploadStatus } from '../upload-record';

/** An upload as its owner sees it: where it stands and the provider's ids. Never a credential. */
export class UploadDto {
  @ApiProperty({ description: 'Our id for the upload (the `uploadId` of the credential answer).', example: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A' })
  uploadId: string;

  @ApiProperty({ enum: Object.keys(UPLOAD_PROVIDERS), example: 'aliyun-vod' })
  provider: UploadProvider;

  @ApiProperty({ description: 'The upload kind of the route that issued it.', enum: UPLOAD_KIND_NAMES, example: 'aliyun-vod-video' })
  kind: UploadKind;

  @ApiProperty({
    description:
      'issued: the credential was handed out; uploaded: the provider reported the file (or a Tencent commit did); ' +
      'failed: the provider reported a failed upload; revoked: you revoked it and nothing more is issued for it.',
    enum: UPLOAD_STATUSES,
    example: 'uploaded',
  })
  status: UploadStatus;

  @ApiProperty({ description: 'When the credential was issued (RFC 3339, UTC).', format: 'date-time', example: '2026-03-31T09:00:00.000Z' })
  createdAt: string;

  @ApiProperty({
    description: 'When the status or the ids last changed (RFC 3339, UTC).',
    format: 'date-time',
    example: '2026-03-31T09:04:12.532Z',
  })
  updatedAt: string;

  @ApiPropertyOptional({ description: 'Alibaba VOD video (or audio) id.', example: '93ab850b4f6f54b6e91d24d81d44****' })
  videoId?: string;

  @ApiPropertyOptional({ description: 'Alibaba VOD image id.', example: '93ab850b4f6f4*****6e91d24d81d4' })
  imageId?: string;

  @ApiPropertyOptional({ description: 'Alibaba VOD attached media or IMS media id.', example: '****20b48fb04483915d4f2cd8ac****' })
  mediaId?: string;

  @ApiPropertyOptional({ description: 'Tencent Cloud VOD file id.', example: '5285890784273533167' })
  fileId?: string;

  @ApiPropertyOptional({ description: 'Size of the uploaded file in bytes, once the provider reported it.', example: 1439213 })
  size?: number;

  @ApiPropertyOptional({
    description: "The file's URL at the provider, once it reported it.",
    example: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
  })
  fileUrl?: string;
}

export const UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  provider: 'aliyun-vod',
  kind: 'aliyun-vod-video',
  status: 'uploaded',
  createdAt: '2026-03-31T09:00:00.000Z',
  updatedAt: '2026-03-31T09:04:12.532Z',
  videoId: '93ab850b4f6f54b6e91d24d81d44****',
  size: 1439213,
  fileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
} satisfies UploadDto;
