import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SampleUpload } from '@app/registry';
import { REJECTION_REASONS, type Rejection, type RejectionReason, type UploadRecord } from '@app/uploads';
import { CATALOG } from '../../providers';

/** What a record takes from its provider: its ids, size and URL, once known. */
export type ProviderFields = Omit<
  UploadRecord,
  'uploadId' | 'ownerId' | 'provider' | 'kind' | 'region' | 'status' | 'createdAt' | 'updatedAt' | 'signatures'
>;

/** The base of a record's DTO: typed with the provider's fields, which documentProviderFields documents. */
export const WithProviderFields = class {} as abstract new () => ProviderFields;

/** Where an upload record's provider-given fields are shown: to its owner, or in a webhook payload. */
export type RecordView = 'upload' | 'webhook';

/**
 * The fields a record takes from its provider, documented from the catalog in this order: the
 * provider's ids (videoId, fileId...), then the size and the URL. After the class's own fields, so
 * every provider's ids sit where the document has always shown them. Applied here, the decorators
 * have no property types to read: each names its own.
 */
export function documentProviderFields(
  target: Type<unknown>,
  view: RecordView,
  after: { size: string; durationSeconds: string; fileUrl: string },
): void {
  const prototype = target.prototype as object;
  for (const field of CATALOG.idFields) {
    const description = view === 'upload' ? `${field.description}.` : `${field.description}, once known.`;
    ApiPropertyOptional({ type: String, description, example: field.examples[view] })(prototype, field.name);
  }
  ApiPropertyOptional({ type: Number, description: after.size, example: view === 'upload' ? 1439213 : 10485760 })(prototype, 'size');
  ApiPropertyOptional({ type: Number, description: after.durationSeconds, example: 61.4 })(prototype, 'durationSeconds');
  ApiPropertyOptional({ type: String, description: after.fileUrl, example: SAMPLE.fileUrl })(prototype, 'fileUrl');
  ApiPropertyOptional({ type: RejectionDto, description: 'Why the arrived file was refused (status rejected).' })(prototype, 'rejection');
}

/** Why an arrived file was refused: the rule it broke, what the rule allows, and what arrived. */
export class RejectionDto implements Rejection {
  @ApiProperty({
    description:
      "too_large: over the kind's size limit; too_long: over its duration limit; size_mismatch: not the size the create " +
      'request declared; format_mismatch: not the extension or media type it declared.',
    enum: REJECTION_REASONS,
    example: 'too_large',
  })
  reason: RejectionReason;

  @ApiProperty({
    description: 'The limit in bytes or seconds, or the declared size or format.',
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: 10485760,
  })
  limit: number | string;

  @ApiProperty({ description: 'What the provider measured.', oneOf: [{ type: 'number' }, { type: 'string' }], example: 52428800 })
  measured: number | string;
}

/** The upload every example shows: the first registered provider's sample. */
export const SAMPLE: SampleUpload = CATALOG.sample ?? {
  product: CATALOG.productIds[0] ?? 'none',
  kind: CATALOG.kindIds[0] ?? 'none',
  ids: { upload: {}, webhook: {} },
  fileUrl: 'https://media.example.com/clip.mp4',
};

/** `provider` and `kind`, whichever providers are registered. */
export const ProductProperty = (description?: string) =>
  ApiProperty({ ...(description ? { description } : {}), enum: CATALOG.productIds, example: SAMPLE.product });
export const KindProperty = (description: string) => ApiProperty({ description, enum: CATALOG.kindIds, example: SAMPLE.kind });
