import { ApiProperty } from '@nestjs/swagger';

/** What the VOD upload SDKs need for a video: setUploadAuthAndAddress / resumeUploadWithAuth. */
export class VideoUploadDto {
  @ApiProperty({ description: "Our id of this upload (also in the callback's Extend).", example: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A' })
  uploadId: string;

  @ApiProperty({ description: 'The VOD video id; refresh with it.', example: '93ab850b4f6f54b6e91d24d81d44****' })
  videoId: string;

  @ApiProperty({ description: 'Base64, exactly as VOD returned it.', example: 'eyJTZWN1cml0a2VuIjoiQ0FJU3p3TjF****' })
  uploadAddress: string;

  @ApiProperty({ description: 'Base64 short-lived upload credential, exactly as VOD returned it.', example: 'eyJFbmRwb2ludCI6Imm****' })
  uploadAuth: string;

  @ApiProperty({ description: 'When uploadAuth expires (RFC 3339, UTC).', example: '2026-03-31T10:50:00Z', format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ description: 'The VOD request id.', example: '25818875-5F78-4AF6-04D5-D7393642****' })
  requestId: string;
}
