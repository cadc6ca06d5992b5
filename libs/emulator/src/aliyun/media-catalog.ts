import type { ControlRoute, EmulatorResponse } from '../core/provider';
import type { Completion, UploadEvents } from '../events/upload-events';
import type { EmulatedStorage } from '../storage/emulated-storage';
import type { StorageTarget } from './upload-credentials';

export type AliyunProduct = 'aliyun-vod' | 'aliyun-ims';
export type MediaKind = 'video' | 'image' | 'attached-media' | 'ims-media';
export type MediaState = 'uploading' | 'stored' | 'failed';

/** A media the emulator issued an upload credential for, and what its lookup operations report. */
export interface EmulatedMedia {
  product: AliyunProduct;
  kind: MediaKind;
  id: string;
  /** The account that created it: another one's lookups find nothing. */
  accessKeyId: string;
  state: MediaState;
  target: StorageTarget;
  objectKey: string;
  fileUrl: string;
  /** Bytes, once stored. */
  size?: number;
  /** Seconds, once stored (video, audio, IMS media); set by the control, since the emulator reads no media. */
  duration?: number;
  /** The stored file's extension, from its object key unless the control says otherwise. */
  format?: string;
  title?: string;
  /** ICE FileInfo.Type, or VOD's attached-media BusinessType. */
  type?: string;
  createdAt: Date;
}

/** What a completion without a size reports, as the completion control's callback does. */
const DEFAULT_COMPLETED_SIZE = 1024 * 1024;
const STATES = ['uploading', 'stored', 'failed', 'absent'] as const;

/**
 * The VOD and ICE emulators' view of their media: created Uploading by a create call, stored (Normal)
 * once its upload completes (the storage stand-in's completion, or POST /__emulator/uploads/complete),
 * gone once deleted. `PUT /__emulator/aliyun/media` sets what the API reports, for tests.
 */
export class AliyunMediaCatalog {
  private readonly media = new Map<string, EmulatedMedia>();

  constructor(
    private readonly storage: EmulatedStorage,
    events?: UploadEvents,
  ) {
    events?.onAliyunUploadCompleted((product, id, completion) => this.completed(product, id, completion));
  }

  add(media: Omit<EmulatedMedia, 'state' | 'createdAt'>): EmulatedMedia {
    const entry: EmulatedMedia = { ...media, state: 'uploading', createdAt: new Date() };
    this.media.set(key(media.product, media.id), entry);
    return entry;
  }

  /** The media if it exists under this account (VOD and ICE answer "not found" for another account's). */
  find(product: AliyunProduct, id: string, accessKeyId: string, kind?: MediaKind): EmulatedMedia | undefined {
    const media = this.media.get(key(product, id));
    return media && media.accessKeyId === accessKeyId && (kind === undefined || media.kind === kind) ? media : undefined;
  }

  /** The media whose URL this is (a query, as on a signed URL, is ignored). */
  findByUrl(product: AliyunProduct, url: string, accessKeyId: string, kind?: MediaKind): EmulatedMedia | undefined {
    const bare = url.split('?')[0];
    for (const media of this.media.values()) {
      if (media.product === product && media.fileUrl === bare) return this.find(product, media.id, accessKeyId, kind);
    }
    return undefined;
  }

  /** Deletes the media (and its stored object, unless told not to); false when there was none under this account. */
  remove(product: AliyunProduct, id: string, accessKeyId: string, kind?: MediaKind, withObject = true): boolean {
    const media = this.find(product, id, accessKeyId, kind);
    if (!media) return false;
    this.media.delete(key(product, id));
    if (withObject) this.storage.oss.remove(media.target.bucket, media.objectKey);
    return true;
  }

  private completed(product: AliyunProduct, id: string, completion: Completion): void {
    const media = this.media.get(key(product, id));
    if (!media) return;
    if (completion.success === false) {
      media.state = 'failed';
      return;
    }
    const stored = this.storage.oss.get(media.target.bucket, media.objectKey);
    media.state = 'stored';
    media.size = completion.size ?? stored?.data.length ?? DEFAULT_COMPLETED_SIZE;
  }

  /** `{product, id, state, size?, duration?, format?}`: what the API reports of a media from now on. */
  controls(): ControlRoute[] {
    return [{ method: 'PUT', action: 'aliyun/media', handle: (body) => this.set(body) }];
  }

  private set(body: unknown): EmulatorResponse {
    const { product, id, state, size, duration, format } = (body ?? {}) as Record<string, unknown>;
    const bad = (message: string): EmulatorResponse => ({ status: 400, body: { Code: 'BadControl', Message: message } });
    if ((product !== 'aliyun-vod' && product !== 'aliyun-ims') || typeof id !== 'string') {
      return bad('product (aliyun-vod or aliyun-ims) and id are required');
    }
    if (!STATES.includes(state as (typeof STATES)[number])) return bad(`state must be one of ${STATES.join(', ')}`);
    if (!optionalNumber(size) || !optionalNumber(duration) || (format !== undefined && typeof format !== 'string')) {
      return bad('size and duration must be non-negative numbers, format a string');
    }
    const media = this.media.get(key(product, id));
    if (!media) return { status: 404, body: { Code: 'NoSuchMedia', Message: 'the emulator issued no such media' } };
    if (state === 'absent') {
      this.media.delete(key(product, id));
      return { status: 204, body: null };
    }
    Object.assign(media, { state, ...defined({ size, duration, format }) });
    return { status: 200, body: media };
  }
}

const key = (product: AliyunProduct, id: string) => `${product}:${id}`;
const optionalNumber = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
const defined = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
