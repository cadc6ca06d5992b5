import { AliyunCredentialDto } from '../../../credential';
import { ApiProperty } from '@nestjs/swagger';

/** What the VOD upload SDKs need for a video: setUploadAuthAndAddress / resumeUploadWithAuth. */
export class VideoUploadDto extends AliyunCredentialDto {
  @ApiProperty({ description: 'The VOD video id; refresh with it.', example: '93ab850b4f6f54b6e91d24d81d44****' })
  videoId: string;
}

// The JSON success response of the CreateUploadVideo seed.
export const VIDEO_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  videoId: '93ab850b4f6f54b6e91d24d81d44****',
  uploadAddress: 'eyJTZWN1cml0a2VuIjoiQ0FJU3p3TjF****',
  uploadAuth: 'eyJFbmRwb2ludCI6Imm****',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '25818875-5F78-4AF6-04D5-D7393642****',
} satisfies VideoUploadDto;

/** RefreshUploadVideo: the same video and address, a fresh credential and expiry. */
export const VIDEO_REFRESH_EXAMPLE = {
  ...VIDEO_UPLOAD_EXAMPLE,
  uploadAuth: 'eyJBY2Nlc3NLZXlJZCI6IlNUUy4****',
  expiresAt: '2026-03-31T11:40:00Z',
  requestId: '4B5A8D4B-7C3E-4F1A-9B2D-1E0F6A7C****',
} satisfies VideoUploadDto;
