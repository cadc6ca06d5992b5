import type { UploadDto } from './dto/upload.dto';
import type { UploadRecord } from '@app/uploads';

/** A record as its owner reads it: never the owner id again, never the session's signature count. */
export function toUploadDto(record: UploadRecord): UploadDto {
  const { ownerId: _ownerId, signatures: _signatures, ...view } = record;
  return view;
}
