import { ApiProperty } from '@nestjs/swagger';

export class TencentVodUploadSignatureDto {
  @ApiProperty({
    description: 'Our id for the upload this signature is for: send it back to get the next signature of the same upload.',
    example: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  })
  uploadId: string;

  @ApiProperty({
    description: 'Client upload signature for vod-js-sdk-v6 (`getSignature`) and TXUGCPublish. Valid once by default.',
    example: 'MudrkVx00TF72GPb0R8NCG5f9tNzZWNyZXRJZD1BS0lE...',
  })
  signature: string;

  @ApiProperty({ description: 'When the signature stops working (RFC 3339, UTC).', format: 'date-time', example: '2030-01-01T00:30:00Z' })
  expiresAt: string;
}

export const TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  signature: 'MudrkVx00TF72GPb0R8NCG5f9tNzZWNyZXRJZD1BS0lE...',
  expiresAt: '2030-01-01T00:30:00Z',
} satisfies TencentVodUploadSignatureDto;
