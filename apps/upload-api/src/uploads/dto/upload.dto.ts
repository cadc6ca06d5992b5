import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { UploadKind, UploadProvider } from '@app/registry';
import { UPLOAD_STATUSES, type UploadStatus } from '@app/uploads';
import { documentProviderFields, KindProperty, ProductProperty, SAMPLE, WithProviderFields } from './provider-fields';

export const REGION_DESCRIPTION =
  "The region profile the upload was issued in (its account, region and settings), from the creator's token. " +
  'Present only when the deployment declares region profiles (REGIONS); an upload from before then reads as the default profile.';

/** An upload as its owner sees it: where it stands and the provider's ids. Never a credential. */
export class UploadDto extends WithProviderFields {
  @ApiProperty({ description: 'Our id for the upload (the `uploadId` of the credential answer).', example: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A' })
  uploadId: string;

  @ProductProperty()
  provider: UploadProvider;

  @KindProperty('The upload kind of the route that issued it.')
  kind: UploadKind;

  @ApiPropertyOptional({ description: REGION_DESCRIPTION, example: 'intl' })
  region?: string;

  @ApiProperty({
    description:
      'issued: the credential was handed out; verifying: the provider reported the file and this service is confirming it ' +
      'with the provider; uploaded: the provider confirmed the file (or a commit through this service did); failed: the ' +
      "provider reported a failed upload; rejected: the file broke the kind's policy (see rejection); revoked: you revoked " +
      'it and nothing more is issued for it.',
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
}

documentProviderFields(UploadDto, 'upload', {
  size: 'Size of the uploaded file in bytes, once the provider reported it.',
  durationSeconds: 'Duration of a video or audio file in seconds, once the provider reported it.',
  fileUrl: "The file's URL at the provider, once it reported it.",
});

export const UPLOAD_EXAMPLE: UploadDto = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  provider: SAMPLE.product,
  kind: SAMPLE.kind,
  status: 'uploaded',
  createdAt: '2026-03-31T09:00:00.000Z',
  updatedAt: '2026-03-31T09:04:12.532Z',
  ...SAMPLE.ids.upload,
  size: 1439213,
  fileUrl: SAMPLE.fileUrl,
};
