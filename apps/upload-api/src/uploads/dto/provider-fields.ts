import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SampleUpload } from '@app/registry';
import type { UploadRecord } from '@app/uploads';
import { CATALOG } from '../../providers';

/** What a record takes from its provider: its ids, size and URL, once known. */
export type ProviderFields = Omit<
  UploadRecord,
  'uploadId' | 'ownerId' | 'provider' | 'kind' | 'status' | 'createdAt' | 'updatedAt' | 'signatures'
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
export function documentProviderFields(target: Type<unknown>, view: RecordView, after: { size: string; fileUrl: string }): void {
  const prototype = target.prototype as object;
  for (const field of CATALOG.idFields) {
    const description = view === 'upload' ? `${field.description}.` : `${field.description}, once known.`;
    ApiPropertyOptional({ type: String, description, example: field.examples[view] })(prototype, field.name);
  }
  ApiPropertyOptional({ type: Number, description: after.size, example: view === 'upload' ? 1439213 : 10485760 })(prototype, 'size');
  ApiPropertyOptional({ type: String, description: after.fileUrl, example: SAMPLE.fileUrl })(prototype, 'fileUrl');
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
