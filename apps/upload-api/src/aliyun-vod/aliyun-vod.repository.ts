import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { Store } from '@app/store';

/** Who created a video: only they may refresh its credential. */
export interface VideoRecord {
  ownerId: string;
  uploadId: string;
  createdAt: string;
}

/** Every Store access of the VOD feature, and the one place records are (de)serialised. */
@Injectable()
export class AliyunVodRepository {
  constructor(
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  async saveVideo(videoId: string, record: VideoRecord): Promise<void> {
    await this.store.set(videoKey(videoId), serialize(record), this.config.uploads.recordTtlSeconds * 1000);
  }

  async findVideo(videoId: string): Promise<VideoRecord | undefined> {
    const raw = await this.store.get(videoKey(videoId));
    return raw === null ? undefined : parse(raw);
  }
}

const videoKey = (videoId: string) => `aliyun-vod:video:${videoId}`;

function serialize(record: VideoRecord): string {
  return JSON.stringify(record);
}

function parse(raw: string): VideoRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<VideoRecord>;
    return typeof value.ownerId === 'string' && typeof value.uploadId === 'string' ? (value as VideoRecord) : undefined;
  } catch {
    return undefined;
  }
}
