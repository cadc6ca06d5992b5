import { type ConfigService, defineConfigSection } from '@app/config';
import { IMS_UPLOAD_REGIONS } from '../aliyun.facts';
import { IMS, VOD } from '../aliyun.products';
import {
  type AliyunConfig,
  type AliyunContext as Context,
  type AliyunCredentialSource,
  aliyunEnv,
  type AliyunImsConfig,
  aliyunSecrets,
  type AliyunVodConfig,
} from './aliyun.env';
import { buildProduct, optionalResourceId, optionalSeconds, resourceIds } from './product-settings';

function credentials(ctx: Context): AliyunCredentialSource | undefined {
  const { env } = ctx;
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if ((id === undefined) !== (secret === undefined)) {
    ctx.problem(id === undefined ? 'ALIBABA_CLOUD_ACCESS_KEY_ID' : 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'must be set together with its pair');
    return undefined;
  }
  if (env.ALIBABA_CLOUD_SECURITY_TOKEN !== undefined && id === undefined) {
    ctx.problem('ALIBABA_CLOUD_SECURITY_TOKEN', 'needs ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  }
  if (id !== undefined && secret !== undefined) {
    if (env.ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS) {
      ctx.problem('ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS', 'cannot be true while ALIBABA_CLOUD_ACCESS_KEY_ID is set; choose one source');
    }
    return { kind: 'accessKey', accessKeyId: id, accessKeySecret: secret, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN };
  }
  return env.ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS ? { kind: 'defaultChain' } : undefined;
}

function buildVod(ctx: Context, hasCredentials: boolean): AliyunVodConfig | undefined {
  const { env } = ctx;
  const shared = buildProduct(
    ctx,
    {
      prefix: 'ALIBABA_CLOUD_VOD',
      // VOD's published endpoints all have this form (VOD API reference, "Endpoints").
      endpointHost: (region) => `vod.${region}.aliyuncs.com`,
      values: {
        REGION: env.ALIBABA_CLOUD_VOD_REGION,
        ENDPOINT: env.ALIBABA_CLOUD_VOD_ENDPOINT,
        APP_ID: env.ALIBABA_CLOUD_VOD_APP_ID,
        STORAGE_LOCATION: env.ALIBABA_CLOUD_VOD_STORAGE_LOCATION,
        WORKFLOW_ID: env.ALIBABA_CLOUD_VOD_WORKFLOW_ID,
        WORKFLOW_IDS: env.ALIBABA_CLOUD_VOD_WORKFLOW_IDS,
        CATE_IDS: env.ALIBABA_CLOUD_VOD_CATE_IDS,
        CALLBACK_URL: env.ALIBABA_CLOUD_VOD_CALLBACK_URL,
        CALLBACK_AUTH_KEY: env.ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY,
        CALLBACK_AUTH_KEY_PREVIOUS: env.ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY_PREVIOUS,
        TEMPLATE_GROUP_ID: env.ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID,
        TEMPLATE_GROUP_IDS: env.ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS,
      },
    },
    hasCredentials,
  );
  if (!shared) return undefined;
  return {
    ...shared,
    defaultTemplateGroupId: optionalResourceId(ctx, 'ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID', env.ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID),
    templateGroupIds: resourceIds(ctx, 'ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS', env.ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS),
    maxVideoFileSize: env.ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE,
    maxAttachedMediaFileSize: env.ALIBABA_CLOUD_VOD_ATTACHED_MEDIA_MAX_FILE_SIZE,
    maxImageFileSize: env.ALIBABA_CLOUD_VOD_IMAGE_MAX_FILE_SIZE,
    maxVideoDurationSeconds: optionalSeconds(
      ctx,
      'ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS',
      env.ALIBABA_CLOUD_VOD_VIDEO_MAX_DURATION_SECONDS,
    ),
  };
}

function buildIms(ctx: Context, hasCredentials: boolean): AliyunImsConfig | undefined {
  const { env } = ctx;
  const shared = buildProduct(
    ctx,
    {
      prefix: 'ALIBABA_CLOUD_IMS',
      // Set explicitly: the generated ICE SDK maps cn-beijing and cn-shenzhen to the central ice.aliyuncs.com.
      endpointHost: (region) => `ice.${region}.aliyuncs.com`,
      regions: IMS_UPLOAD_REGIONS,
      values: {
        REGION: env.ALIBABA_CLOUD_IMS_REGION,
        ENDPOINT: env.ALIBABA_CLOUD_IMS_ENDPOINT,
        APP_ID: env.ALIBABA_CLOUD_IMS_APP_ID,
        STORAGE_LOCATION: env.ALIBABA_CLOUD_IMS_STORAGE_LOCATION,
        WORKFLOW_ID: env.ALIBABA_CLOUD_IMS_WORKFLOW_ID,
        WORKFLOW_IDS: env.ALIBABA_CLOUD_IMS_WORKFLOW_IDS,
        CATE_IDS: env.ALIBABA_CLOUD_IMS_CATE_IDS,
        CALLBACK_URL: env.ALIBABA_CLOUD_IMS_CALLBACK_URL,
        CALLBACK_AUTH_KEY: env.ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY,
        CALLBACK_AUTH_KEY_PREVIOUS: env.ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY_PREVIOUS,
      },
    },
    hasCredentials,
  );
  return (
    shared && {
      ...shared,
      maxFileSize: env.ALIBABA_CLOUD_IMS_MAX_FILE_SIZE,
      maxDurationSeconds: optionalSeconds(ctx, 'ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS', env.ALIBABA_CLOUD_IMS_MAX_DURATION_SECONDS),
    }
  );
}

/**
 * A product is configured when its region is set; it then needs credentials: an AccessKey pair
 * (optionally with an STS token) or the explicit opt-in to the default credential chain.
 * Nothing set: both products answer 501 and boot succeeds, in production too.
 */
export function buildAliyun(ctx: Context): AliyunConfig {
  const source = credentials(ctx);
  const vod = buildVod(ctx, source !== undefined);
  const ims = buildIms(ctx, source !== undefined);
  return {
    credentials: vod || ims ? source : undefined,
    connectTimeoutMs: ctx.env.ALIBABA_CLOUD_CONNECT_TIMEOUT_MS,
    readTimeoutMs: ctx.env.ALIBABA_CLOUD_READ_TIMEOUT_MS,
    vod,
    ims,
  };
}

/** Alibaba Cloud's configuration: credentials shared by VOD and IMS, each product on with its region. */
export const ALIYUN_CONFIG = defineConfigSection({
  name: 'aliyun',
  env: aliyunEnv,
  secrets: aliyunSecrets,
  // A region profile with its own AccessKey takes no STS token nor default-chain switch from another.
  credentials: [
    {
      pair: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
      with: ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS'],
    },
  ],
  callbackSecrets: ['ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY', 'ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY'],
  enabledBy: 'ALIBABA_CLOUD_VOD_REGION, ALIBABA_CLOUD_IMS_REGION',
  build: buildAliyun,
  offered: (settings: AliyunConfig) => [...(settings.vod ? [VOD.id] : []), ...(settings.ims ? [IMS.id] : [])],
  // Both products share the timeouts; the lock must outlast them even before a product is configured.
  longestCallMs: (settings: AliyunConfig) => settings.connectTimeoutMs + settings.readTimeoutMs,
});

/** VOD's settings in `region`'s profile (the default one when omitted), or 501 PROVIDER_NOT_CONFIGURED when it does not offer VOD. */
export function vodSettings(config: ConfigService, region?: string): AliyunVodConfig {
  config.requireOffered(VOD.id, region);
  return config.section(ALIYUN_CONFIG, region).vod!;
}

/** IMS's settings in `region`'s profile (the default one when omitted), or 501 PROVIDER_NOT_CONFIGURED when it does not offer IMS. */
export function imsSettings(config: ConfigService, region?: string): AliyunImsConfig {
  config.requireOffered(IMS.id, region);
  return config.section(ALIYUN_CONFIG, region).ims!;
}
