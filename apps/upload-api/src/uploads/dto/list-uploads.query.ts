import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { UploadProvider } from '@app/registry';
import { UPLOAD_STATUSES, type UploadStatus } from '@app/uploads';
import { CATALOG } from '../../providers';
import { SAMPLE } from './provider-fields';

const PRODUCTS = CATALOG.productIds;

/** GET /v1/uploads: filters, page size and where to go on. */
export class ListUploadsQuery {
  @ApiPropertyOptional({ description: 'Only uploads with this status.', enum: UPLOAD_STATUSES, example: 'uploaded' })
  @IsOptional()
  @IsIn(UPLOAD_STATUSES, { message: `status must be one of ${UPLOAD_STATUSES.join(', ')}` })
  status?: UploadStatus;

  @ApiPropertyOptional({ description: 'Only uploads to this provider.', enum: PRODUCTS, example: SAMPLE.product })
  @IsOptional()
  @IsIn(PRODUCTS, { message: `provider must be one of ${PRODUCTS.join(', ')}` })
  provider?: UploadProvider;

  @ApiPropertyOptional({ description: 'At most this many items.', type: 'integer', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 100' })
  @Min(1, { message: 'limit must be an integer from 1 to 100' })
  @Max(100, { message: 'limit must be an integer from 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page.',
    example: 'MTc3NDk0NzYwMDAwMC51cGxfM3EybUQ0djFRYjZ4WTBhWjlrTHc4QQ',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor must be a nextCursor this service returned' })
  cursor?: string;
}
