import { isoSeconds } from '@app/common';
import { ALIYUN_CALLBACK_SENDING, aliyunCallbackHeaders, iceEventBody, type VodMediaKind, vodEventBody } from './aliyun-callbacks';
import { type Delivery, sendCallback, type SendOptions } from './callback-sender';
import type { UploadCompletion } from '../core/upload-completion';
import { TencentEventQueue } from './tencent-event-queue';

type Json = Record<string, unknown>;

export interface UploadEventsOptions {
  /** The AuthKey of VOD's HTTP callbacks (SetMessageCallback); unsigned callbacks without it. */
  aliyunVodCallbackAuthKey?: string;
  /** The AuthKey of ICE's callbacks. */
  aliyunImsCallbackAuthKey?: string;
  /** Tencent PUSH mode: NewFileUpload is POSTed here. Without it the event waits for PullEvents. */
  tencentEventUrl?: string;
  /** Shorter retries for tests; the providers' own by default. */
  sending?: Partial<SendOptions>;
  clock?: () => number;
}

/** An Alibaba media the emulator issued a credential for, and what its completion event needs. */
interface AliyunMedia {
  provider: 'aliyun-vod' | 'aliyun-ims';
  kind: VodMediaKind | 'ims-media';
  fileUrl: string;
  callbackUrl?: string;
  extend?: unknown;
  userData?: string;
  mediaType?: string;
}

/** A Tencent file uploaded: its id, URL and size where known. */
export type TencentFileListener = (fileId: string, mediaUrl: string, size?: number) => void;

export type AliyunCompletionListener = (provider: 'aliyun-vod' | 'aliyun-ims', id: string, completion: Completion) => void;

export interface Completion {
  /** Default true: the provider reports a successful upload. */
  success?: boolean;
  /** Default 1 MiB. */
  size?: number;
}

/**
 * The providers' completion events: Alibaba's signed HTTP callbacks to the URL in UserData, and
 * Tencent's NewFileUpload, PUSHed or queued for PullEvents. The storage stand-ins (or a test) say
 * when an upload completed; the API emulators say what was issued.
 */
export class UploadEvents {
  readonly tencentQueue: TencentEventQueue;
  /** Every callback sent, in order (tests and the sandbox read them). */
  readonly deliveries: Delivery[] = [];
  private readonly media = new Map<string, AliyunMedia>();
  private readonly aliyunListeners: AliyunCompletionListener[] = [];
  private readonly tencentListeners: TencentFileListener[] = [];
  private readonly clock: () => number;
  private readonly sending: SendOptions;

  constructor(private readonly options: UploadEventsOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.tencentQueue = new TencentEventQueue(this.clock);
    this.sending = { ...ALIYUN_CALLBACK_SENDING, ...options.sending };
  }

  /** VOD or ICE issued an upload credential for media `id`; `userData` as the caller sent it. */
  aliyunMediaIssued(
    provider: AliyunMedia['provider'],
    kind: AliyunMedia['kind'],
    id: string,
    fileUrl: string,
    userData?: string,
    mediaType?: string,
  ): void {
    const parsed = parseObject(userData);
    const callback = parseObject(parsed?.MessageCallback) ?? undefined;
    const callbackUrl = typeof callback?.CallbackURL === 'string' ? callback.CallbackURL : undefined;
    this.media.set(`${provider}:${id}`, { provider, kind, fileUrl, callbackUrl, extend: parsed?.Extend, userData, mediaType });
  }

  /** Told of every Alibaba completion first, callback URL or not (the API emulators' view of their media). */
  onAliyunUploadCompleted(listener: AliyunCompletionListener): void {
    this.aliyunListeners.push(listener);
  }

  /**
   * The upload of Alibaba media `id` finished: its callback goes to the URL its UserData named, signed
   * with the product's AuthKey. Undefined when the emulator never issued `id` or no URL was given.
   */
  async aliyunUploadCompleted(provider: AliyunMedia['provider'], id: string, completion: Completion = {}): Promise<Delivery | undefined> {
    for (const listener of this.aliyunListeners) listener(provider, id, completion);
    const media = this.media.get(`${provider}:${id}`);
    if (!media?.callbackUrl) return undefined;
    const outcome = { success: completion.success ?? true, size: completion.size ?? 1024 * 1024, fileUrl: media.fileUrl };
    const now = this.clock();
    const body =
      media.kind === 'ims-media'
        ? iceEventBody(id, { ...outcome, userData: media.userData, mediaType: media.mediaType ?? 'video' }, now)
        : vodEventBody(media.kind, id, { ...outcome, extend: media.extend }, now);
    const [product, key] =
      provider === 'aliyun-vod'
        ? (['vod', this.options.aliyunVodCallbackAuthKey] as const)
        : (['ice', this.options.aliyunImsCallbackAuthKey] as const);
    const url = media.callbackUrl;
    return this.record(await sendCallback(url, () => aliyunCallbackHeaders(product, url, key, this.clock()), body, this.sending));
  }

  /** An upload the storage stand-ins (or a Tencent commit) saw complete: the provider's event for it. */
  async uploadCompleted(completion: UploadCompletion): Promise<Delivery | undefined> {
    if (completion.provider === 'tencent-vod') {
      return this.tencentFileUploaded(completion.mediaId, completion.fileUrl, completion.sourceContext, completion.size);
    }
    return this.aliyunUploadCompleted(completion.provider, completion.mediaId, { size: completion.size });
  }

  /** Told of every Tencent file uploaded, first (the API emulator's view of its media: a file it did not know is stored now). */
  onTencentFileUploaded(listener: TencentFileListener): void {
    this.tencentListeners.push(listener);
  }

  /** Tencent committed a file (CommitUpload, or a client upload's CommitUploadUGC): NewFileUpload. */
  async tencentFileUploaded(fileId: string, mediaUrl: string, sourceContext = '', size?: number): Promise<Delivery | undefined> {
    for (const listener of this.tencentListeners) listener(fileId, mediaUrl, size);
    const event = newFileUpload(fileId, mediaUrl, sourceContext, size, this.clock());
    const url = this.options.tencentEventUrl;
    if (!url) {
      this.tencentQueue.push(event);
      return undefined;
    }
    // Tencent documents no retries for PUSH; PULL is its reliable mode. One attempt, then it is gone.
    return this.record(await sendCallback(url, () => ({}), event, { ...this.sending, attempts: 1 }));
  }

  private record(delivery: Delivery): Delivery {
    this.deliveries.push(delivery);
    return delivery;
  }
}

function parseObject(value: unknown): Json | undefined {
  if (typeof value === 'string') {
    try {
      return parseObject(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** NewFileUpload as a PUSH body (EventContent without EventHandle), per tencent-vod.md §5. */
function newFileUpload(fileId: string, mediaUrl: string, sourceContext: string, size: number | undefined, nowMs: number): Json {
  const time = isoSeconds(nowMs);
  return {
    EventType: 'NewFileUpload',
    FileUploadEvent: {
      FileId: fileId,
      MediaBasicInfo: {
        Name: fileId,
        CreateTime: time,
        UpdateTime: time,
        ExpireTime: '9999-12-31T23:59:59Z',
        MediaUrl: mediaUrl,
        SourceInfo: { SourceType: 'Upload', SourceContext: sourceContext },
        Vid: fileId,
      },
      ...(size === undefined ? {} : { MetaData: { Size: size } }),
      ProcedureTaskId: '',
      ReviewAudioVideoTaskId: '',
    },
  };
}
