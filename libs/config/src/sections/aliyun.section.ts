import { ALIYUN, IMS_UPLOAD_REGIONS } from '@app/registry';
import { bool, int, list, optionalStr } from '../env';
import type { BuildContext, EnvOf } from '../build-context';

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
};

type Context = BuildContext<EnvOf<typeof aliyunEnv>>;

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
  maxVideoFileSize: number;
  maxAttachedMediaFileSize: number;
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

const REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
const RESOURCE_ID = ALIYUN.RESOURCE_ID_PATTERN;
const APP_ID = /^app-[A-Za-z0-9]{1,64}$/;
const HOST = /^(?=.{1,253}(?::\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/;

/**
 * `vod.cn-shanghai.aliyuncs.com`, `host:port`, or a full URL (`http://127.0.0.1:4000` for the
 * emulator). openapi-client builds `${protocol}://${endpoint}`, so a URL becomes protocol + host.
 */
export function parseEndpoint(raw: string): AliyunEndpoint | undefined {
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return undefined;
      return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
    } catch {
      return undefined;
    }
  }
  return HOST.test(raw) ? { protocol: 'https', host: raw.toLowerCase() } : undefined;
}

function endpoint(ctx: Context, variable: string, raw: string | undefined, fallbackHost: string): AliyunEndpoint {
  if (raw === undefined) return { protocol: 'https', host: fallbackHost };
  const parsed = parseEndpoint(raw);
  if (!parsed) {
    ctx.problem(variable, 'must be a host (vod.cn-shanghai.aliyuncs.com), host:port, or an http(s) URL without a path');
    return { protocol: 'https', host: fallbackHost };
  }
  if (ctx.isProduction && parsed.protocol !== 'https') ctx.problem(variable, 'must use https in production');
  return parsed;
}

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

function resourceIds(ctx: Context, variable: string, values: string[]): string[] {
  if (values.some((value) => !RESOURCE_ID.test(value))) ctx.problem(variable, 'each entry must be 1-64 letters, digits, "_" or "-"');
  return values;
}

function optionalResourceId(ctx: Context, variable: string, value: string | undefined): string | undefined {
  if (value !== undefined && !RESOURCE_ID.test(value)) ctx.problem(variable, 'must be 1-64 letters, digits, "_" or "-"');
  return value;
}

function cateIds(ctx: Context, variable: string, values: string[]): number[] {
  const ids = values.map(Number);
  if (ids.some((id) => !Number.isSafeInteger(id) || id < 1)) ctx.problem(variable, 'each entry must be a positive integer category id');
  return ids;
}

function appId(ctx: Context, variable: string, value: string | undefined): string | undefined {
  if (value !== undefined && !APP_ID.test(value)) ctx.problem(variable, 'must look like app-1000000');
  return value;
}

function storageLocation(ctx: Context, variable: string, value: string | undefined): string | undefined {
  if (value !== undefined && !HOST.test(value))
    ctx.problem(variable, 'must be a storage host such as outin-xxxx.oss-cn-shanghai.aliyuncs.com');
  return value;
}

function callbackUrl(ctx: Context, variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    ctx.problem(variable, 'must be an http(s) URL');
    return undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') ctx.problem(variable, 'must be an http(s) URL');
  if (ctx.isProduction && protocol !== 'https:') ctx.problem(variable, 'must use https in production');
  if (Buffer.byteLength(value) > MAX_CALLBACK_URL_BYTES) ctx.problem(variable, `must be at most ${MAX_CALLBACK_URL_BYTES} bytes`);
  return value;
}

/** The AuthKey of the product's HTTP callbacks (SetMessageCallback): 1-32 letters and digits. */
const AUTH_KEY = /^[A-Za-z0-9]{1,32}$/;

/**
 * The keys the product's callbacks may be signed with, the current one first (a previous one is
 * accepted during a rotation). Without a key the receiver is off; production refuses a callback URL
 * whose receiver would be off, since its events would be lost.
 */
function callbackAuthKeys(ctx: Context, name: (suffix: string) => string, values: Omit<ProductValues, 'REGION'>): string[] {
  const keys = [values.CALLBACK_AUTH_KEY, values.CALLBACK_AUTH_KEY_PREVIOUS].filter((key): key is string => key !== undefined);
  keys.forEach((key, index) => {
    if (!AUTH_KEY.test(key))
      ctx.problem(name(index === 0 ? 'CALLBACK_AUTH_KEY' : 'CALLBACK_AUTH_KEY_PREVIOUS'), 'must be 1-32 letters and digits');
  });
  if (values.CALLBACK_AUTH_KEY_PREVIOUS !== undefined && values.CALLBACK_AUTH_KEY === undefined) {
    ctx.problem(name('CALLBACK_AUTH_KEY_PREVIOUS'), `needs ${name('CALLBACK_AUTH_KEY')} for new callbacks`);
  }
  if (values.CALLBACK_AUTH_KEY !== undefined && values.CALLBACK_URL === undefined) {
    ctx.problem(name('CALLBACK_AUTH_KEY'), `needs ${name('CALLBACK_URL')}: the callback signature covers that URL`);
  }
  if (ctx.isProduction && values.CALLBACK_URL !== undefined && values.CALLBACK_AUTH_KEY === undefined) {
    ctx.problem(name('CALLBACK_AUTH_KEY'), `is required in production with ${name('CALLBACK_URL')}: unsigned callbacks are refused`);
  }
  return keys;
}

/** What the VOD and IMS halves share: the same variables under their own prefix, the same rules. */
interface ProductSpec {
  /** ALIBABA_CLOUD_VOD or ALIBABA_CLOUD_IMS. */
  prefix: string;
  /** The product's regional endpoint host when none is configured. */
  endpointHost(region: string): string;
  /** Regions where the product's upload operations exist, when it is not all of them. */
  regions?: readonly string[];
  /** The raw values of the product's variables, by their name without the prefix. */
  values: ProductValues;
}

interface ProductValues {
  REGION?: string;
  ENDPOINT?: string;
  APP_ID?: string;
  STORAGE_LOCATION?: string;
  WORKFLOW_ID?: string;
  WORKFLOW_IDS: string[];
  CATE_IDS: string[];
  CALLBACK_URL?: string;
  CALLBACK_AUTH_KEY?: string;
  CALLBACK_AUTH_KEY_PREVIOUS?: string;
  /** Only VOD has template groups. */
  TEMPLATE_GROUP_ID?: string;
  TEMPLATE_GROUP_IDS?: string[];
}

/** The settings both products share, or undefined when the product's region is not set. */
function buildProduct(ctx: Context, spec: ProductSpec, hasCredentials: boolean) {
  const name = (suffix: string) => `${spec.prefix}_${suffix}`;
  const { REGION: region, ...rest } = spec.values;
  if (region === undefined) {
    const anySet = Object.values(rest).some((value) => (Array.isArray(value) ? value.length > 0 : value !== undefined));
    if (anySet) ctx.problem(name('REGION'), `is required when other ${spec.prefix}_* settings are set`);
    return undefined;
  }
  if (spec.regions && !spec.regions.includes(region)) {
    ctx.problem(name('REGION'), `must be one of ${spec.regions.join(', ')}: the upload operations are available only there`);
  } else if (!REGION.test(region)) {
    ctx.problem(name('REGION'), 'must be a region id such as cn-shanghai');
  }
  if (!hasCredentials) {
    ctx.problem('ALIBABA_CLOUD_ACCESS_KEY_ID', `is required with ${name('REGION')} (or set ALIBABA_CLOUD_USE_DEFAULT_CREDENTIALS=true)`);
  }
  return {
    region,
    endpoint: endpoint(ctx, name('ENDPOINT'), rest.ENDPOINT, spec.endpointHost(region)),
    appId: appId(ctx, name('APP_ID'), rest.APP_ID),
    storageLocation: storageLocation(ctx, name('STORAGE_LOCATION'), rest.STORAGE_LOCATION),
    defaultWorkflowId: optionalResourceId(ctx, name('WORKFLOW_ID'), rest.WORKFLOW_ID),
    workflowIds: resourceIds(ctx, name('WORKFLOW_IDS'), rest.WORKFLOW_IDS),
    cateIds: cateIds(ctx, name('CATE_IDS'), rest.CATE_IDS),
    callbackUrl: callbackUrl(ctx, name('CALLBACK_URL'), rest.CALLBACK_URL),
    callbackAuthKeys: callbackAuthKeys(ctx, name, rest),
  };
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
  return shared && { ...shared, maxFileSize: env.ALIBABA_CLOUD_IMS_MAX_FILE_SIZE };
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
