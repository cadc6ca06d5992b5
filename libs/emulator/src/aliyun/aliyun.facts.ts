// The emulator's own copy of the provider's documented facts, kept apart on purpose: the emulator is the
// independent oracle the tests trust, so a wrong fact in the service (libs/providers/src/aliyun/aliyun.facts.ts) must
// not change what the emulator accepts. Change one here only with the provider's documentation in hand.

/**
 * Facts about Alibaba Cloud VOD (2017-03-21) and ICE/IMS (2020-11-09): limits, valid values,
 * extensions. The one place for them; DTOs, the adapter and the emulator all read them here.
 * Each fact says where it comes from. "seed" = the API page kept in shared/seeds/.
 */

export const VOD_API_VERSION = '2017-03-21';
export const ICE_API_VERSION = '2020-11-09';

/**
 * Per-account QPS caps of the upload operations (CreateUploadVideo, RefreshUploadVideo, CreateUploadImage,
 * CreateUploadAttachedMedia), shared by the account and its RAM users: 80/s in the main regions, 40/s elsewhere
 * (help.aliyun.com "QPS limits on API operations"; older tables said 100-120, the current one is the lower).
 * ICE CreateUploadMedia/RefreshUploadMedia: none published, so we assume the lower VOD figure.
 */
export const VOD_UPLOAD_QPS = {
  mainRegions: 80,
  otherRegions: 40,
  main: ['cn-beijing', 'cn-shanghai', 'cn-shenzhen', 'ap-southeast-1'],
} as const;
export const ICE_UPLOAD_QPS_ASSUMED = 40;

/** CreateUploadMedia is available only in these regions (ICE API reference, CreateUploadMedia, "Limitations"). */
export const IMS_UPLOAD_REGIONS = ['cn-shanghai', 'cn-beijing', 'cn-shenzhen'] as const;

/** Both products. */
export const ALIYUN = {
  /** UploadAuth validity when it states none (seeds: "valid for 3,000 seconds by default"). */
  DEFAULT_CREDENTIAL_TTL_SECONDS: 3000,
  /** UserData.Extend is passed through to callbacks, "max 512 bytes" (VOD "Request parameters", UserData). */
  USER_DATA_EXTEND_MAX_BYTES: 512,
  /** ReferenceId: "6 to 64 characters ... letters, digits, hyphens (-), and underscores (_)" (seed CreateUploadVideo). */
  REFERENCE_ID_PATTERN: /^[A-Za-z0-9_-]{6,64}$/,
  /**
   * Template group, workflow and entity ids (32 hex characters in every doc example). Our own, looser
   * bound: no length or alphabet is documented, and the allowlists decide what is actually accepted.
   */
  RESOURCE_ID_PATTERN: /^[A-Za-z0-9_-]{1,64}$/,
  /** Gateway: x-acs-date may differ from server time by at most 15 minutes (POP common errors, InvalidTimeStamp.Expired). */
  MAX_CLOCK_SKEW_MS: 15 * 60_000,
} as const;

/**
 * VOD "Upload overview" (help/en/vod/upload-medias, 2025): supported video and audio formats.
 * CreateUploadVideo takes both ("retrieves the upload address and credential for video and
 * audio files", seed); extensions are not case-sensitive (same page).
 */
export const VOD_VIDEO_EXTENSIONS = [
  'mp4',
  'ts',
  '3gp',
  'mpg',
  'mpeg',
  'mpe',
  'dat',
  'vob',
  'asf',
  'avi',
  'wmv',
  'flv',
  'f4v',
  'rm',
  'rmvb',
  'mov',
  'mkv',
  'm3u8',
  'dv',
  'gif',
  'm2t',
  'm4v',
  'mj2',
  'mjpeg',
  'mts',
  'ogg',
  'qt',
  'swf',
  'webm',
] as const;
export const VOD_AUDIO_EXTENSIONS = ['mp3', 'wma', 'wav', 'aac', 'ra', 'm4a', 'flac', 'ape', 'ac3', 'amr', 'caf', 'acm'] as const;
export const VOD_VIDEO_FILE_EXTENSIONS: readonly string[] = [...VOD_VIDEO_EXTENSIONS, ...VOD_AUDIO_EXTENSIONS];

/** CreateUploadVideo (seed). The seed counts characters here, not bytes. */
export const VOD_VIDEO = {
  TITLE_MAX_CHARS: 128,
  DESCRIPTION_MAX_CHARS: 1024,
  TAGS_MAX: 16,
  TAG_MAX_CHARS: 32,
} as const;

export const VOD_IMAGE_TYPES = ['default', 'cover'] as const;
/**
 * ImageExt. Seed: png (default), jpg, jpeg, gif. The SDK model (CreateUploadImageRequest, 2026)
 * adds heic and webp; the "Upload overview" format table (2025) lists PNG, JPG, JPEG, GIF and HEIC.
 * Decision: accept heic (two sources), refuse webp (only the SDK model lists it).
 */
export const VOD_IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'heic'] as const;

/** CreateUploadImage (seed): limits in UTF-8 bytes. */
export const VOD_IMAGE = {
  TITLE_MAX_BYTES: 128,
  DESCRIPTION_MAX_BYTES: 1024,
  TAGS_MAX: 16,
  TAG_MAX_BYTES: 32,
} as const;

export const VOD_ATTACHED_MEDIA_BUSINESS_TYPES = ['watermark', 'subtitle', 'material'] as const;
export type VodAttachedMediaBusinessType = (typeof VOD_ATTACHED_MEDIA_BUSINESS_TYPES)[number];
/**
 * MediaExt per BusinessType (seed CreateUploadAttachedMedia, and the "Upload overview" table).
 * The SDK model adds apk for material; no documentation page does, so apk is refused.
 */
export const VOD_ATTACHED_MEDIA_EXTENSIONS: Record<VodAttachedMediaBusinessType, readonly string[]> = {
  watermark: ['png', 'gif', 'apng', 'mov'],
  subtitle: ['srt', 'ass', 'stl', 'ttml', 'vtt'],
  material: ['jpg', 'gif', 'png', 'mp4', 'mat', 'zip'],
};

/** CreateUploadAttachedMedia (seed): limits in UTF-8 bytes; "A maximum of five IDs" for CateIds. */
export const VOD_ATTACHED_MEDIA = {
  TITLE_MAX_BYTES: 128,
  DESCRIPTION_MAX_BYTES: 1024,
  TAGS_MAX: 16,
  TAG_MAX_BYTES: 32,
  CATE_IDS_MAX: 5,
} as const;

/** FileInfo.Type (seed CreateUploadMedia). */
export const ICE_FILE_TYPES = ['video', 'image', 'audio', 'text', 'other'] as const;
export type IceFileType = (typeof ICE_FILE_TYPES)[number];

/**
 * MediaMetaData.BusinessType per FileInfo.Type. The seed's list reads "opening or ending if Type
 * is set to video / default or cover if ... image / subtitles or font if ... text / watermark if
 * ... material / general CoverURL: optional". Our reading, from the Chinese pages that format it
 * as a nested list (ICE data types, MediaBasicInfo.BusinessType: "默认general", and the ROS
 * ALIYUN::ICE::UploadMedia page: "general 通用" as its own item, then "CoverURL 封面(选填)"):
 * - `general` is a type-independent value (the default business type), not tied to a Type, and
 *   "CoverURL" is the next MediaMetaData field that lost its line break;
 * - but text takes only subtitles or font (RegisterMediaInfo: "当取值为text时,businessType需对应
 *   subtitles或font");
 * - "material" is not a FileInfo.Type; the one Type left without business types of its own is
 *   `other`, so watermark pairs with other (VOD's watermark files, png/gif/apng/mov, are material);
 * - audio has no specific value, so only general.
 */
export const ICE_BUSINESS_TYPES: Record<IceFileType, readonly string[]> = {
  video: ['opening', 'ending', 'general'],
  image: ['default', 'cover', 'general'],
  audio: ['general'],
  text: ['subtitles', 'font'],
  other: ['watermark', 'general'],
};
export const ICE_ALL_BUSINESS_TYPES = ['opening', 'ending', 'default', 'cover', 'subtitles', 'font', 'watermark', 'general'] as const;

/**
 * FileInfo.Ext per Type. The ICE page does not list extensions; these are VOD's (ICE uploads go to
 * VOD storage, seed): video and audio from "Upload overview", image as decided above, text from
 * VOD's subtitle list. Font extensions are undocumented: ttf, otf and ttc are our choice. Other +
 * watermark takes VOD's watermark list; other + general any extension of 1-10 letters or digits.
 */
export const ICE_EXTENSIONS: Record<IceFileType, readonly string[] | 'any'> = {
  video: VOD_VIDEO_EXTENSIONS,
  image: VOD_IMAGE_EXTENSIONS,
  audio: VOD_AUDIO_EXTENSIONS,
  text: [...VOD_ATTACHED_MEDIA_EXTENSIONS.subtitle, 'ttf', 'otf', 'ttc'],
  other: 'any',
};
/** Where the business type narrows the Type's list. */
export const ICE_EXTENSIONS_BY_BUSINESS_TYPE: Record<string, readonly string[]> = {
  subtitles: VOD_ATTACHED_MEDIA_EXTENSIONS.subtitle,
  font: ['ttf', 'otf', 'ttc'],
  watermark: VOD_ATTACHED_MEDIA_EXTENSIONS.watermark,
};
export const ANY_EXTENSION = /^[a-z0-9]{1,10}$/;

/**
 * CreateUploadMedia MediaMetaData (seed): Title ≤128 and Description ≤1,024 characters. The seed
 * says nothing on tags; the ICE data types page (MediaBasicInfo.MediaTags) says at most 16 tags,
 * comma-separated, each ≤32 bytes, and CoverURL ≤128 bytes.
 */
export const ICE_MEDIA = {
  TITLE_MAX_CHARS: 128,
  DESCRIPTION_MAX_CHARS: 1024,
  TAGS_MAX: 16,
  TAG_MAX_BYTES: 32,
  COVER_URL_MAX_BYTES: 128,
  /** FileInfo.Name: undocumented; 255 characters is our limit (a common file-name maximum). */
  FILE_NAME_MAX_CHARS: 255,
} as const;

/** UploadTargetConfig.StorageType: "Set StorageType to oss" (seed); PostProcessConfig.ProcessType "Workflow" (seed). */
export const ICE_STORAGE_TYPE = 'oss';
export const ICE_PROCESS_TYPE = 'Workflow';
/** PostProcessConfig: "You can specify this parameter if Type is set to video or audio" (seed). */
export const ICE_POST_PROCESS_TYPES: readonly IceFileType[] = ['video', 'audio'];

/** Our own caps where the provider documents none (file names are paths: D:\video_01.mp4). */
export const OUR_LIMITS = {
  FILE_NAME_MAX_BYTES: 1024,
  COVER_URL_MAX_BYTES: 1024,
} as const;

/**
 * Lookups and deletes (generated @alicloud/vod20170321 and @alicloud/ice20201109 models; VOD "Basic data
 * types"). The status words the emulator reports for its three states; VOD's real lifecycle passes
 * through UploadSucc and Transcoding before Normal, the emulator goes straight to Normal.
 */
export const VOD_STATUS = { uploading: 'Uploading', stored: 'Normal', failed: 'UploadFail' } as const;
/**
 * ICE MediaBasicInfo.Status, of the four ICE documents (Init, Preparing, PrepareFail, Normal: ListMediaBasicInfosRequest.Status
 * in aliyun/alibabacloud-typescript-sdk ice-20201109 @ 32aa0a5f): Init until the file is read, PrepareFail, Normal.
 */
export const ICE_STATUS = { uploading: 'Init', stored: 'Normal', failed: 'PrepareFail' } as const;
/**
 * GetImageInfo and DeleteImage for an image that does not exist: NoSuchResource, 404 (their "Common errors" tables,
 * AlibabaCloudDocs/vod @ 14c603a5 GetImageInfo.md, DeleteImage.md).
 */
export const VOD_IMAGE_NOT_FOUND = { status: 404, code: 'NoSuchResource', message: 'The specified resource does not exist.' } as const;
/**
 * ICE GetMediaInfo for a MediaId it does not hold: its page lists no error, so IMS's common not-found error,
 * ResourceNotFound, 404 (IMS error codes, help.aliyun.com/document_detail/197855.html).
 */
export const ICE_MEDIA_NOT_FOUND = { status: 404, code: 'ResourceNotFound', message: 'Resource not found' } as const;
/** DeleteVideo, DeleteImage, GetAttachedMediaInfo, DeleteAttachedMedia: "up to 20" ids, comma-separated. */
export const VOD_MAX_IDS_PER_CALL = 20;
/** DeleteImage DeleteImageType (DeleteImageRequest model). */
export const VOD_DELETE_IMAGE_TYPES = ['ImageURL', 'ImageId', 'VideoId'] as const;
