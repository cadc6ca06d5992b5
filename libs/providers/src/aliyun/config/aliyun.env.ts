import { bool, type BuildContext, type EnvOf, int, list, optionalStr } from '@app/config';
import { VOD_IMAGE_DEFAULT_MAX_BYTES } from '../aliyun.facts';

/** Alibaba Cloud VOD (2017-03-21) and IMS/ICE (2020-11-09) settings. */
export const aliyunEnv = {
  // Credentials, shared by VOD and IMS. Unset: the default chain of @alicloud/credentials, on opt-in.
  ALIBABA_CLOUD_ACCESS_KEY_ID: optionalStr(),
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: optionalStr(),
  ALIBABA_CLOUD_SECURITY_TOKEN: optionalStr(),
  ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS: bool(false),
  ALIBABA_CLOUD_CONNECT_TIMEOUT_MS: int(3_000, 100, 60_000),
  ALIBABA_CLOUD_READ_TIMEOUT_MS: int(10_000, 100, 120_000),

  ALIBABA_CLOUD_VOD_REGION: optionalStr(),
  ALIBABA_CLOUD_VOD_ENDPOINT: optionalStr(),
  ALIBABA_CLOUD_VOD_APP_ID: optionalStr(),
  ALIBABA_CLOUD_VOD_STORAGE_LOCATION: optionalStr(),
  ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID: optionalStr(),
  ALIBABA_CLOUD_VOD_WORKFLOW_ID: optionalStr(),
  ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS: list(),
  ALIBABA_CLOUD_VOD_WORKFLOW_IDS: list(),
  ALIBABA_CLOUD_VOD_CATE_IDS: list(),
  ALIBABA_CLOUD_VOD_CALLBACK_URL: optionalStr(),
  ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: optionalStr(),
  ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS: optionalStr(),
  ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE: int(10 * gib(), 1, ossMaxObjectBytes()),
  ALIBABA_CLOUD_VOD_ATTACHED_MEDIA_MAX_FILE_SIZE: int(gib(), 1, ossMaxObjectBytes()),
  ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE: int(VOD_IMAGE_DEFAULT_MAX_BYTES, 1, ossMaxObjectBytes()),
  /** Video and audio alike (both are CreateUploadVideo files); unset: no limit. */
  ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS: optionalStr(),

  ALIBABA_CLOUD_IMS_REGION: optionalStr(),
  ALIBABA_CLOUD_IMS_ENDPOINT: optionalStr(),
  ALIBABA_CLOUD_IMS_APP_ID: optionalStr(),
  ALIBABA_CLOUD_IMS_STORAGE_LOCATION: optionalStr(),
  ALIBABA_CLOUD_IMS_WORKFLOW_ID: optionalStr(),
  ALIBABA_CLOUD_IMS_WORKFLOW_IDS: list(),
  ALIBABA_CLOUD_IMS_CATE_IDS: list(),
  ALIBABA_CLOUD_IMS_CALLBACK_URL: optionalStr(),
  ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY: optionalStr(),
  ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY_PREVIOUS: optionalStr(),
  ALIBABA_CLOUD_IMS_MAX_FILE_SIZE: int(10 * gib(), 1, ossMaxObjectBytes()),
  ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS: optionalStr(),
};

export type AliyunContext = BuildContext<EnvOf<typeof aliyunEnv>>;

// Functions, not constants: aliyunEnv above is evaluated before a `const` further down would be.
function gib(): number {
  return 1024 ** 3;
}

/** OSS's largest object, 48.8 TB (OSS "Limits" page): no bigger file can be uploaded anyway. */
function ossMaxObjectBytes(): number {
  return Math.floor(48.8 * 1024 ** 4);
}

/** Variables of this section holding secrets (refused as placeholders in production). */
export const aliyunSecrets: string[] = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY',
  'ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS',
  'ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY',
  'ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY_PREVIOUS',
];

/** UserData must stay within ICE's 1,024 bytes with Extend's 512 (ICE data types, MediaBasicInfo.UserData). */
export const MAX_CALLBACK_URL_BYTES = 400;

export type AliyunCredentialSource =
  | { kind: 'accessKey'; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  /** The default chain of @alicloud/credentials: env, OIDC/RRSA, profiles, ECS RAM role, credentials URI. */
  | { kind: 'defaultChain' };

export interface AliyunEndpoint {
  protocol: 'https' | 'http';
  /** host or host:port, exactly what openapi-client puts in the Host header. */
  host: string;
}

export interface AliyunVodConfig {
  region: string;
  endpoint: AliyunEndpoint;
  appId?: string;
  storageLocation?: string;
  defaultTemplateGroupId?: string;
  defaultWorkflowId?: string;
  /** Client choices accepted only from these lists. */
  templateGroupIds: string[];
  workflowIds: string[];
  cateIds: number[];
  callbackUrl?: string;
  /** Keys our callback receiver accepts, current first; empty: the receiver is off. */
  callbackAuthKeys: string[];
  /** Video and audio files alike. */
  maxVideoFileSize: number;
  maxAttachedMediaFileSize: number;
  maxImageFileSize: number;
  /** Video and audio files alike; absent: no limit. */
  maxVideoDurationSeconds?: number;
}

export interface AliyunImsConfig {
  region: string;
  endpoint: AliyunEndpoint;
  appId?: string;
  storageLocation?: string;
  defaultWorkflowId?: string;
  workflowIds: string[];
  cateIds: number[];
  callbackUrl?: string;
  /** Keys our callback receiver accepts, current first; empty: the receiver is off. */
  callbackAuthKeys: string[];
  maxFileSize: number;
  /** Absent: no limit. */
  maxDurationSeconds?: number;
}

export interface AliyunConfig {
  /** Absent: no product configured, nothing below is used. */
  credentials?: AliyunCredentialSource;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Absent: the VOD routes answer 501. */
  vod?: AliyunVodConfig;
  /** Absent: the IMS routes answer 501. */
  ims?: AliyunImsConfig;
}
