import { keysOf } from './records';

/** Per-kind permissions, checked when AUTH_PERMISSIONS_ENABLED=true (the token's AUTH_PERMISSIONS_CLAIM). */
export const Permission = {
  VIDEO: 'upload:video',
  IMAGE: 'upload:image',
  ATTACHED_MEDIA: 'upload:attached-media',
  MEDIA: 'upload:media',
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

/** The cloud products a deployment may offer; a product it does not configure answers 501. */
export const UPLOAD_PROVIDERS = {
  'aliyun-vod': { name: 'Alibaba Cloud VOD' },
  'aliyun-ims': { name: 'Alibaba Cloud IMS' },
  'tencent-vod': { name: 'Tencent Cloud VOD' },
} as const;

export type UploadProvider = keyof typeof UPLOAD_PROVIDERS;

export interface UploadKindSpec {
  provider: UploadProvider;
  permission: Permission;
  /** Default credentials per user per UTC day; absent for kinds that issue no new upload. */
  quota?: number;
  /** The route calls the provider's API, so it may answer the upstream problems (502, 503, 504). */
  callsUpstream: boolean;
  /** Its default rate limits are RATE_LIMIT_DEFAULT times this (a kind asked several times per upload). */
  rateLimitFactor?: number;
}

/**
 * The upload kinds a route can declare. Each has its own rate limits (RATE_LIMIT_<KIND>); the
 * ones that issue a new upload credential also have a daily quota per user (DAILY_QUOTA_<KIND>).
 */
export const UPLOAD_KINDS = {
  'aliyun-vod-video': { provider: 'aliyun-vod', permission: Permission.VIDEO, quota: 50, callsUpstream: true },
  'aliyun-vod-video-refresh': { provider: 'aliyun-vod', permission: Permission.VIDEO, callsUpstream: true },
  'aliyun-vod-image': { provider: 'aliyun-vod', permission: Permission.IMAGE, quota: 200, callsUpstream: true },
  'aliyun-vod-attached-media': { provider: 'aliyun-vod', permission: Permission.ATTACHED_MEDIA, quota: 100, callsUpstream: true },
  'aliyun-ims-media': { provider: 'aliyun-ims', permission: Permission.MEDIA, quota: 50, callsUpstream: true },
  'aliyun-ims-media-refresh': { provider: 'aliyun-ims', permission: Permission.MEDIA, callsUpstream: true },
  'tencent-vod-media': { provider: 'tencent-vod', permission: Permission.VIDEO, quota: 50, callsUpstream: true },
  'tencent-vod-commit': { provider: 'tencent-vod', permission: Permission.VIDEO, callsUpstream: true },
  // vod-js-sdk-v6 asks for a signature before each of its three calls (more on retries).
  'tencent-vod-signature': { provider: 'tencent-vod', permission: Permission.VIDEO, quota: 50, callsUpstream: false, rateLimitFactor: 3 },
} as const satisfies Record<string, UploadKindSpec>;

export type UploadKind = keyof typeof UPLOAD_KINDS;

/** Every kind, in declaration order. */
export const UPLOAD_KIND_NAMES = keysOf(UPLOAD_KINDS);

/** What a rate limit can be declared for: each upload kind, and the upload records (reads, listing, revoking). */
export type RateLimitScope = UploadKind | 'upload-records';

export const RATE_LIMIT_SCOPE_NAMES: readonly RateLimitScope[] = [...UPLOAD_KIND_NAMES, 'upload-records'];

/** How many times RATE_LIMIT_DEFAULT a scope gets when its own variable is unset (apps may poll records: twice). */
export function rateLimitFactor(scope: RateLimitScope): number {
  return scope === 'upload-records' ? 2 : (uploadKind(scope).rateLimitFactor ?? 1);
}

/** The spec of a kind, widened so optional fields read the same for every kind. */
export function uploadKind(kind: UploadKind): UploadKindSpec {
  return UPLOAD_KINDS[kind];
}
