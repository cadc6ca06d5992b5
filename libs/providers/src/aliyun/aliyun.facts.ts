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
/** ImageExt when none is sent: "png (default)" (seed). */
export const VOD_DEFAULT_IMAGE_EXT = 'png';

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
 * Verification: what the lookup and delete operations report (generated @alicloud/vod20170321 3.12 and
 * @alicloud/ice20201109 6.20 response models, and VOD "Basic data types", Status).
 * A video's (or audio's) Status: Uploading is the initial status; UploadFail (never for resumable uploads,
 * whose failures VOD cannot tell); every later status (UploadSucc, Transcoding, TranscodeFail, Checking,
 * Blocked, Normal, ProduceFail) means the source file arrived. GetMezzanineInfo's own Mezzanine.Status:
 * Uploading, Normal, UploadFail, Deleted. Images and attached media: Uploading ("the initial status"), Normal,
 * UploadFail (AlibabaCloudDocs/vod @ 14c603a5 GetImageInfo.md and GetAttachedMediaInfo.md, Status).
 * Fields the lookups read (response models): GetVideoInfo Video.Status/Size (bytes)/Duration (float seconds);
 * GetMezzanineInfo Mezzanine.Status/Size/Duration (a string, "42.4930")/FileName/FileURL; GetImageInfo
 * ImageInfo.Status/URL and Mezzanine.FileSize (a string)/FileURL/OriginalFileName; GetAttachedMediaInfo (the
 * action is singular; RAM vod:GetAttachedMediaInfo) AttachedMediaList[].Status/URL, no size, unknown ids in
 * NonExistMediaIds; ICE GetMediaInfo MediaInfo.MediaBasicInfo.Status and FileInfoList[].FileBasicInfo
 * FileSize/Duration (strings)/FormatName ("mov,mp4,m4a,3gp,3g2,mj2")/FileName/FileUrl/FileType (source_file).
 * Deletes: DeleteVideo lists NonExistVideoIds and ForbiddenVideoIds (404 when none exists);
 * DeleteAttachedMedia NonExistMediaIds; DeleteMediaInfos IgnoredList and ForbiddenList, always 200.
 */
export const VOD_VIDEO_STATUSES = {
  uploading: ['Uploading'],
  failed: ['UploadFail'],
  stored: ['UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Blocked', 'Normal', 'ProduceFail'],
} as const;
export const VOD_FILE_STATUSES = { uploading: ['Uploading'], failed: ['UploadFail'], stored: ['Normal'] } as const;
/**
 * IMS MediaBasicInfo.Status: Init ("the initial state, which indicates that the source file is not ready"),
 * Preparing ("being prepared. For example, the file is being uploaded or edited"), PrepareFail ("failed to be
 * prepared"), Normal ("The source file is ready"). The GetMediaInfo response model names no values (its example
 * is Normal); this list is ICE's own for the same field wherever ICE lists it: ListMediaBasicInfosRequest.Status
 * (aliyun/alibabacloud-typescript-sdk ice-20201109/src/models/ListMediaBasicInfosRequest.ts @ 32aa0a5f) and the
 * GetPlayInfo MediaBase.Status of the generated Go, Java, Python and C++ ICE SDKs. ICE documents no Uploading,
 * UploadFail or Deleted (MediaBasicInfo has a DeletedTime, but no status names a deleted asset): an unlisted
 * status counts as still uploading (see verification/stored-media.ts), so none is listed on a guess.
 */
export const IMS_MEDIA_STATUSES = {
  uploading: ['Init', 'Preparing'],
  failed: ['PrepareFail'],
  stored: ['Normal'],
} as const;

/**
 * Codes meaning "no such media"; a code not listed is an error the platform retries, never "gone".
 * VOD videos: InvalidVideo.NotFound (404, GetVideoInfo, GetMezzanineInfo, RefreshUploadVideo, and DeleteVideo
 * when none of its ids exists): RefreshUploadVideo's "Common errors" table, AlibabaCloudDocs/vod @ 0f0074bf
 * intl.en-US/API Reference/Media upload/RefreshUploadVideo.md (alibabacloud.com/help/doc-detail/55408.htm), which
 * also lists InvalidVideo.Damaged (400); GetVideoInfo.md @ b1ad59bb. A deleted video has no code of its own there.
 * VOD images: NoSuchResource, "The specified resource does not exist.", 404, "the image does not exist"
 * (GetImageInfo) and "the specified image does not exist" (DeleteImage): the "Common errors" table of both
 * API pages, AlibabaCloudDocs/vod @ 14c603a5 intl.en-US/API Reference/Media asset management/Image
 * management/GetImageInfo.md and DeleteImage.md, pages of 2021 (the same in cn.zh-CN 获取图片信息.md, 删除图片.md).
 * InvalidImage.NotFound and InvalidImageId.NotFound, accepted before, appear nowhere in those docs (ECS uses them).
 * VOD attached media: no code. GetAttachedMediaInfo and DeleteAttachedMedia answer 200 and list unknown ids in
 * NonExistMediaIds; their pages list no not-found error (GetAttachedMediaInfo.md, DeleteAttachedMedia.md, same
 * commit), so none is accepted.
 * ICE: GetMediaInfo's and RefreshUploadMedia's pages list no error of their own ("See Error Codes"); IMS's
 * error-code table gives ResourceNotFound, "Resource not found", 404, as its common not-found error
 * (help.aliyun.com/document_detail/197855.html, 通用错误; RefreshUploadMedia: alibabacloud.com/help/en/ims/
 * developer-reference/api-ice-2020-11-09-refreshuploadmedia). Searched without finding an ICE media-specific
 * code: the ICE API pages and generated SDKs (no error lists), the aliyun-openapi-meta repository (no ice
 * entry, no error codes) and code/issue search for ICE not-found codes.
 * DeleteMediaInfos answers 200 with unknown ids in IgnoredList.
 */
export const VOD_VIDEO_NOT_FOUND: readonly string[] = ['InvalidVideo.NotFound'];
export const VOD_IMAGE_NOT_FOUND: readonly string[] = ['NoSuchResource'];
export const VOD_MEDIA_NOT_FOUND: readonly string[] = [];
export const ICE_MEDIA_NOT_FOUND: readonly string[] = ['ResourceNotFound'];

/** DeleteImage: "DeleteImageType ... ImageId: deletes images based on image IDs" (DeleteImageRequest model). */
export const VOD_DELETE_IMAGE_TYPE = 'ImageId';

/**
 * Our default cap on an image upload, 20 MiB. VOD documents no size limit for images: CreateUploadImage's page,
 * the Limits page and the upload overview (AlibabaCloudDocs/vod @ 14c603a5 intl.en-US/API Reference/Media
 * upload/CreateUploadImage.md, Introduction/Limits.md, Developer Guide/Upload Medias/Overview.md) give only the
 * limits for any file (48.8 TB by multipart upload, 5 GB by simple upload); the one image figure, "JPG or PNG, at
 * most 1 MB", is for a video's custom thumbnail uploaded in the console, not for CreateUploadImage. The 20 is the
 * limit OSS image processing puts on a source image (VOD keeps images in OSS): "The source file size cannot exceed 20 MB"
 * (alibabacloud.com/help/doc-detail/44706.htm, IMG limits); the page does not say whether its MB is 10^6 or 2^20
 * bytes, and we take 2^20. A deployment can raise it (ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE).
 */
export const VOD_IMAGE_DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
