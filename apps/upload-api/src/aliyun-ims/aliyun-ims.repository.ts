import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { Store } from '@app/store';

/** Who created an IMS media asset: only they may refresh its credential. */
export interface MediaRecord {
  ownerId: string;
  uploadId: string;
  createdAt: string;
}

/** Every Store access of the IMS feature, and the one place records are (de)serialised. */
@Injectable()
export class AliyunImsRepository {
  constructor(
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  async saveMedia(mediaId: string, record: MediaRecord): Promise<void> {
    await this.store.set(mediaKey(mediaId), serialize(record), this.config.uploads.recordTtlSeconds * 1000);
  }

  async findMedia(mediaId: string): Promise<MediaRecord | undefined> {
    const raw = await this.store.get(mediaKey(mediaId));
    return raw === null ? undefined : parse(raw);
  }
}

const mediaKey = (mediaId: string) => `aliyun-ims:media:${mediaId}`;

function serialize(record: MediaRecord): string {
  return JSON.stringify(record);
}

function parse(raw: string): MediaRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<MediaRecord>;
    return typeof value.ownerId === 'string' && typeof value.uploadId === 'string' ? (value as MediaRecord) : undefined;
  } catch {
    return undefined;
  }
}
