import type { ControlRoute, EmulatorResponse } from '../core/provider';
import type { EmulatedStorage } from '../storage/emulated-storage';
import {
  TENCENT_VOD_AUDIO_TYPES,
  TENCENT_VOD_DESCRIBE_MAX_FILE_IDS,
  TENCENT_VOD_FILE_NOT_FOUND_CODE,
  TENCENT_VOD_MEDIA_INFO_FILTERS,
  TENCENT_VOD_VIDEO_TYPES,
} from './tencent.facts';
import { invalid, missing, refuseUnknown } from './vod-responses';

/** What a commit knows of the file it stores. */
export interface CommittedFile {
  fileId: string;
  subAppId: number;
  /** The media type, lower case (mp4). */
  type: string;
  name?: string;
  mediaUrl: string;
  coverUrl?: string;
  sourceContext?: string;
  storageRegion: string;
  /** Its objects in the COS stand-in: DeleteMedia deletes them too. */
  bucket: string;
  keys: string[];
}

interface MediaFile extends CommittedFile {
  /** `uploading`: VOD has not read the file yet, so DescribeMediaInfos answers MetaData null. */
  state: 'uploading' | 'stored';
  size: number;
  /** Seconds; 0 when not known (the emulator reads no media, a test sets one). */
  duration: number;
  createdAt: string;
}

type Params = Record<string, unknown>;

/** The size of a committed file whose bytes the COS stand-in does not hold (uploads not going to the emulator). */
export const DEFAULT_MEDIA_BYTES = 1024 * 1024;
const CONTROL_STATES = ['uploading', 'stored', 'absent'] as const;
const FILTERS = TENCENT_VOD_MEDIA_INFO_FILTERS as Record<string, string>;
const DESCRIBE_PARAMS = new Set(['FileIds', 'Filters', 'SubAppId']);
const DELETE_PARAMS = new Set(['FileId', 'DeleteParts', 'SubAppId']);
const AUDIO_ONLY = new Set<string>(
  TENCENT_VOD_AUDIO_TYPES.filter((type) => !(TENCENT_VOD_VIDEO_TYPES as readonly string[]).includes(type)),
);

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const badControl = (message: string): EmulatorResponse => ({ status: 400, body: { Code: 'BadControl', Message: message } });

/**
 * The media files of the emulated VOD account: what CommitUpload and CommitUploadUGC store, what
 * DescribeMediaInfos reports and DeleteMedia removes, and a control for tests to set what is reported.
 */
export class VodMedia {
  private readonly files = new Map<string, MediaFile>();

  constructor(private readonly options: { storage: EmulatedStorage; subAppIds: readonly number[]; clock: () => number }) {}

  /** A committed upload is stored, as large as the object COS holds (or DEFAULT_MEDIA_BYTES). */
  add(file: CommittedFile): void {
    const stored = this.options.storage.cos.get(file.bucket, file.keys[0]);
    const size = stored?.data.length ?? DEFAULT_MEDIA_BYTES;
    this.files.set(file.fileId, { ...file, state: 'stored', size, duration: 0, createdAt: isoSeconds(this.options.clock()) });
  }

  /**
   * A NewFileUpload went out for `fileId` (an event a test made up, as much as a commit's): the account
   * holds that file from now on. A file already known keeps what it has.
   */
  uploaded(fileId: string, mediaUrl: string, size?: number): void {
    if (this.files.has(fileId)) return;
    const type = /\.([A-Za-z0-9]{1,8})$/.exec(new URL(mediaUrl, 'http://x').pathname)?.[1]?.toLowerCase() ?? 'mp4';
    this.files.set(fileId, { ...this.made(fileId, type), mediaUrl, ...(size === undefined ? {} : { size }) });
  }

  /** DescribeMediaInfos: a MediaInfo per known id, with the parts Filters names (all when none); the rest in NotExistFileIdSet. */
  describe(params: Params, subAppId: number): Record<string, unknown> {
    refuseUnknown(params, DESCRIBE_PARAMS);
    if (params.FileIds === undefined) throw missing('FileIds');
    const ids = params.FileIds;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
      throw invalid('InvalidParameterValue.FileIds', 'FileIds is invalid.');
    if (ids.length === 0) throw invalid('InvalidParameterValue.FileIdsEmpty', 'FileIds is empty.');
    if (ids.length > TENCENT_VOD_DESCRIBE_MAX_FILE_IDS) throw invalid('InvalidParameterValue.FileIdsOverLimit', 'Too many FileIds.');
    const filters = params.Filters ?? [];
    if (!Array.isArray(filters) || filters.some((filter) => typeof filter !== 'string' || !Object.hasOwn(FILTERS, filter))) {
      throw invalid('InvalidParameterValue', 'Filters holds an unknown part.');
    }
    const wanted = new Set(filters.length === 0 ? Object.keys(FILTERS) : (filters as string[]));
    const found = [...new Set(ids as string[])]
      .map((id) => this.files.get(id))
      .filter((file): file is MediaFile => file?.subAppId === subAppId);
    return {
      MediaInfoSet: found.map((file) => this.mediaInfo(file, wanted)),
      NotExistFileIdSet: (ids as string[]).filter((id) => !found.some((file) => file.fileId === id)),
    };
  }

  /** DeleteMedia: without DeleteParts the file and its objects; the parts it names otherwise (the emulator makes none). */
  delete(params: Params, subAppId: number): Record<string, unknown> {
    refuseUnknown(params, DELETE_PARAMS);
    if (params.FileId === undefined) throw missing('FileId');
    if (params.DeleteParts !== undefined && !Array.isArray(params.DeleteParts)) {
      throw invalid('InvalidParameter', 'DeleteParts must be a list.');
    }
    const file = typeof params.FileId === 'string' ? this.files.get(params.FileId) : undefined;
    if (!file || file.subAppId !== subAppId) throw invalid(TENCENT_VOD_FILE_NOT_FOUND_CODE, 'The media file does not exist.');
    if (Array.isArray(params.DeleteParts) && params.DeleteParts.length > 0) return {};
    this.files.delete(file.fileId);
    for (const key of file.keys) this.options.storage.cos.delete(file.bucket, key);
    return {};
  }

  /** `PUT /__emulator/tencent-vod/media` `{fileId, state, size?, duration?, type?}`: what DescribeMediaInfos reports of a file. */
  controls(): ControlRoute[] {
    return [{ method: 'PUT', action: 'tencent-vod/media', handle: (body) => this.control(body) }];
  }

  private control(body: unknown): EmulatorResponse {
    const { fileId, state, size, duration, type } = (body ?? {}) as Record<string, unknown>;
    if (typeof fileId !== 'string' || fileId === '') return badControl('fileId is required');
    if (!CONTROL_STATES.includes(state as (typeof CONTROL_STATES)[number])) return badControl('state must be uploading, stored or absent');
    if (size !== undefined && !(Number.isSafeInteger(size) && (size as number) >= 0)) return badControl('size must be bytes');
    if (duration !== undefined && !(typeof duration === 'number' && Number.isFinite(duration) && duration >= 0)) {
      return badControl('duration must be seconds');
    }
    if (type !== undefined && (typeof type !== 'string' || type === '')) return badControl('type must be a media type');
    if (state === 'absent') {
      this.files.delete(fileId);
      return { status: 204, body: null };
    }
    const file = this.files.get(fileId) ?? this.made(fileId, typeof type === 'string' ? type.toLowerCase() : 'mp4');
    this.files.set(fileId, {
      ...file,
      state: state as MediaFile['state'],
      ...(size === undefined ? {} : { size: size as number }),
      ...(duration === undefined ? {} : { duration }),
      ...(type === undefined ? {} : { type: type.toLowerCase() }),
    });
    return { status: 204, body: null };
  }

  /** A file a test names without having uploaded it: in the account's first application, with nothing in COS. */
  private made(fileId: string, type: string): MediaFile {
    const subAppId = this.options.subAppIds[0];
    return {
      fileId,
      subAppId,
      type,
      mediaUrl: `http://${subAppId}.vod2.myqcloud.com/emulated/${fileId}/f0.${type}`,
      storageRegion: 'ap-guangzhou',
      bucket: '',
      keys: [],
      state: 'stored',
      size: DEFAULT_MEDIA_BYTES,
      duration: 0,
      createdAt: isoSeconds(this.options.clock()),
    };
  }

  /** MediaInfo as documented (intl 266/34181): the parts asked for, null for the rest. */
  private mediaInfo(file: MediaFile, wanted: Set<string>): Record<string, unknown> {
    const parts: Record<string, unknown> = Object.fromEntries(Object.values(FILTERS).map((part) => [part, null]));
    if (wanted.has('basicInfo')) parts.BasicInfo = this.basicInfo(file);
    if (wanted.has('metaData') && file.state === 'stored') parts.MetaData = metaData(file);
    return { FileId: file.fileId, ...parts };
  }

  private basicInfo(file: MediaFile): Record<string, unknown> {
    return {
      Name: file.name ?? file.fileId,
      Description: '',
      CreateTime: file.createdAt,
      UpdateTime: file.createdAt,
      ExpireTime: '9999-12-31T23:59:59Z',
      ClassId: 0,
      ClassName: '其他',
      ClassPath: '其他',
      CoverUrl: file.coverUrl ?? '',
      Type: file.type,
      MediaUrl: file.mediaUrl,
      SourceInfo: { SourceType: 'Upload', SourceContext: file.sourceContext ?? '' },
      StorageRegion: file.storageRegion,
      TagSet: [],
      Vid: file.fileId,
      Category: AUDIO_ONLY.has(file.type) ? 'Audio' : 'Video',
      Status: 'Normal',
      StorageClass: 'STANDARD',
    };
  }
}

/** MediaMetaData: the emulator reads no media, so only Size, Container and Duration say anything. */
function metaData(file: MediaFile): Record<string, unknown> {
  const audio = AUDIO_ONLY.has(file.type);
  return {
    Size: file.size,
    Container: file.type,
    Bitrate: 0,
    Height: 0,
    Width: 0,
    Duration: file.duration,
    Rotate: 0,
    VideoStreamSet: [],
    AudioStreamSet: [],
    VideoDuration: audio ? 0 : file.duration,
    AudioDuration: file.duration,
  };
}
