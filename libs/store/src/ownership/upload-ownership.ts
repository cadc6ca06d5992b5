import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { SealedRecords } from '../sealing/sealed-records';

/** Who created an upload; only they may refresh (or commit) it. */
export interface OwnershipRecord {
  ownerId: string;
  uploadId: string;
}

/**
 * Ownership of provider resources (an Alibaba video, an IMS media asset), kept for
 * UPLOAD_RECORD_TTL_SECONDS. Sealed like every record: the store never holds a user id in clear.
 */
@Injectable()
export class UploadOwnership {
  constructor(
    private readonly records: SealedRecords,
    private readonly config: ConfigService,
  ) {}

  /** `resource` names the kind of id, e.g. `aliyun-vod:video`. */
  async record(resource: string, id: string, record: OwnershipRecord): Promise<void> {
    await this.records.set(`${resource}:${id}`, record, this.config.uploads.recordTtlSeconds * 1000);
  }

  async find(resource: string, id: string): Promise<OwnershipRecord | undefined> {
    const record = await this.records.get<Partial<OwnershipRecord>>(`${resource}:${id}`);
    return typeof record?.ownerId === 'string' && typeof record.uploadId === 'string' ? (record as OwnershipRecord) : undefined;
  }
}
