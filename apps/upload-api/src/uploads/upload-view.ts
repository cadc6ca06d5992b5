import type { UploadDto } from './dto/upload.dto';
import type { UploadRecord } from '@app/uploads';

/** A record as its owner reads it: never the owner id again, nor the service's bookkeeping (signatures, declared file, revision). */
export function toUploadDto(record: UploadRecord): UploadDto {
  const { ownerId: _ownerId, signatures: _signatures, declared: _declared, revision: _revision, ...view } = record;
  return view;
}
