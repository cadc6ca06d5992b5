import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { SealedRecords } from '@app/store';

/** Who created an upload; only they may refresh or commit it. */
export interface OwnershipRecord {
  ownerId: string;
  uploadId: string;
}

/**
 * Ownership of every upload, for every provider: by the provider's id (an Alibaba video, an IMS
 * media asset) or by our upload id (a Tencent upload), kept for UPLOAD_RECORD_TTL_SECONDS. Sealed
 * like every record: the store never holds a user id in clear.
 */
@Injectable()
export class UploadOwnership {
  constructor(
    private readonly records: SealedRecords,
    private readonly config: ConfigService,
  ) {}

  /** `resource` names the kind of id, e.g. `aliyun-vod:video`; `minTtlMs` keeps it at least as long as related state. */
  async record(resource: string, id: string, record: OwnershipRecord, minTtlMs = 0): Promise<void> {
    await this.records.set(`${resource}:${id}`, record, Math.max(this.config.uploads.recordTtlSeconds * 1000, minTtlMs));
  }

  async find(resource: string, id: string): Promise<OwnershipRecord | undefined> {
    const record = await this.records.get<Partial<OwnershipRecord>>(`${resource}:${id}`);
    return typeof record?.ownerId === 'string' && typeof record.uploadId === 'string' ? (record as OwnershipRecord) : undefined;
  }
}
