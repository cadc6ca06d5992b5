import { ApiProperty } from '@nestjs/swagger';

/**
 * What every Alibaba credential answer carries, for the VOD and IMS upload SDKs: the address and
 * credential exactly as Alibaba returned them, when the credential expires, and the request ids.
 */
export abstract class AliyunCredentialDto {
  @ApiProperty({ description: "Our id of this upload (also in the callback's Extend).", example: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A' })
  uploadId: string;

  @ApiProperty({ description: 'Base64, exactly as Alibaba Cloud returned it.', example: 'eyJTZWN1cml0a2VuIjoiQ0FJU3p3TjF****' })
  uploadAddress: string;

  @ApiProperty({
    description: 'Base64 short-lived upload credential, exactly as Alibaba Cloud returned it.',
    example: 'eyJFbmRwb2ludCI6Imm****',
  })
  uploadAuth: string;

  @ApiProperty({ description: 'When uploadAuth expires (RFC 3339, UTC).', example: '2026-03-31T10:50:00Z', format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ description: "Alibaba Cloud's RequestId of the call.", example: '25818875-5F78-4AF6-04D5-D7393642****' })
  requestId: string;
}
