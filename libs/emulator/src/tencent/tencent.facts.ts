// The emulator's own copy of the provider's documented facts, kept apart on purpose: the emulator is the
// independent oracle the tests trust, so a wrong fact in the service (libs/providers/src/tencent/tencent.facts.ts) must
// not change what the emulator accepts. Change one here only with the provider's documentation in hand.

/**
 * Facts about Tencent Cloud VOD (API 2018-07-17), each with the source it comes from. The service,
 * the config rules and the emulator read them from here; change one only with a source.
 */

/** Source: tencentcloud-sdk-nodejs-vod vod_client.js, `super("vod.tencentcloudapi.com", "2018-07-17", …)`. */
export const TENCENT_VOD_API_VERSION = '2018-07-17';
export const TENCENT_VOD_HOST = 'vod.tencentcloudapi.com';

/** The SDK signs for the service named by the endpoint's first label. Source: common abstract_client.js `endpoint.split(".")[0]`. */
export const TENCENT_VOD_SIGNING_SERVICE = 'vod';

/** Video formats. Source: Upload Overview (intl 266/33910) and FAQ 266/2846. */
export const TENCENT_VOD_VIDEO_TYPES = [
  'wmv',
  'rm',
  'mov',
  'mpeg',
  'mp4',
  '3gp',
  'flv',
  'avi',
  'rmvb',
  'ts',
  'asf',
  'mpg',
  'webm',
  'mkv',
  'm3u8',
  'wm',
  'asx',
  'ram',
  'mpe',
  'vob',
  'dat',
  'mp4v',
  'm4v',
  'f4v',
  'mxf',
  'qt',
  'ogg',
] as const;

/** Audio formats. Source: Upload Overview (intl 266/33910) and FAQ 266/2846. */
export const TENCENT_VOD_AUDIO_TYPES = ['mp3', 'm4a', 'flac', 'ogg', 'wav', 'ra', 'aac', 'amr'] as const;

/** ApplyUpload MediaType: the video and audio formats (case-insensitive; API examples send `mp4`). Source: ApplyUpload 266/31767. */
export const TENCENT_VOD_MEDIA_TYPES: readonly string[] = [...new Set<string>([...TENCENT_VOD_VIDEO_TYPES, ...TENCENT_VOD_AUDIO_TYPES])];

/** Cover formats. Source: Upload Overview (intl 266/33910); the FAQ's extra TIF/HEIF are left out until the API page lists them. */
export const TENCENT_VOD_COVER_TYPES = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tiff', 'ai', 'cdr', 'eps'] as const;

/** ApplyUpload is silent on MediaName; media names are at most 64 characters. Source: ModifyMediaInfo `Name` (vod_models.d.ts). */
export const TENCENT_VOD_MEDIA_NAME_MAX_CHARS = 64;

/** Source: ApplyUpload `SourceContext` (vod_models.d.ts): "最长 250 个字符"; also the signature's `sourceContext` (266/33922). */
export const TENCENT_VOD_SOURCE_CONTEXT_MAX_CHARS = 250;

/** Source: ApplyUpload `SessionContext` (vod_models.d.ts): "最长 1000 个字符". */
export const TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS = 1000;

/** Client upload signature: expireTime may be at most 7,776,000 s (90 days) after currentTimeStamp. Source: intl 266/33922. */
export const TENCENT_SIGNATURE_MAX_VALIDITY_SECONDS = 7_776_000;

/** Client upload signature `random`: a 32-bit unsigned integer. Source: intl 266/33922. */
export const TENCENT_SIGNATURE_RANDOM_MAX = 0xffff_ffff;

/**
 * Default request rate per API. Source: ApplyUpload 266/31767 and CommitUpload 266/31766 ("100次/秒"); DescribeMediaInfos
 * (intl 266/34181) and DeleteMedia (intl 266/37571): "A maximum of 100 requests can be initiated per second".
 */
export const TENCENT_VOD_QPS_LIMITS = { ApplyUpload: 100, CommitUpload: 100, DescribeMediaInfos: 100, DeleteMedia: 100 } as const;

/** DescribeMediaInfos `FileIds`: "N 从 0 开始取值，最大 19". Source: vod_models.d.ts DescribeMediaInfosRequest. */
export const TENCENT_VOD_DESCRIBE_MAX_FILE_IDS = 20;

/**
 * DescribeMediaInfos `Filters`: the parts of MediaInfo to return (all when empty); a part not asked for is null.
 * Source: intl 266/34181 and the DescribeMediaInfosRequest model (vod_models.d.ts).
 */
export const TENCENT_VOD_MEDIA_INFO_FILTERS = {
  basicInfo: 'BasicInfo',
  metaData: 'MetaData',
  transcodeInfo: 'TranscodeInfo',
  animatedGraphicsInfo: 'AnimatedGraphicsInfo',
  imageSpriteInfo: 'ImageSpriteInfo',
  snapshotByTimeOffsetInfo: 'SnapshotByTimeOffsetInfo',
  sampleSnapshotInfo: 'SampleSnapshotInfo',
  keyFrameDescInfo: 'KeyFrameDescInfo',
  adaptiveDynamicStreamingInfo: 'AdaptiveDynamicStreamingInfo',
  miniProgramReviewInfo: 'MiniProgramReviewInfo',
  subtitleInfo: 'SubtitleInfo',
  reviewInfo: 'ReviewInfo',
} as const;

/**
 * DeleteMedia's documented code for a FileId it does not hold: its "可能返回的错误码" are FailedOperation,
 * FailedOperation.InvalidVodUser, InternalError, ResourceNotFound, UnauthorizedOperation. Source: tencentcloud-sdk-go
 * @ 144f6c8d tencentcloud/vod/v20180717/client.go DeleteMedia.
 */
export const TENCENT_VOD_FILE_NOT_FOUND_CODE = 'ResourceNotFound';

/** A TC3 timestamp more than 5 minutes from server time is AuthFailure.SignatureExpire. Source: common error codes 266/31774. */
export const TC3_MAX_CLOCK_SKEW_SECONDS = 300;
