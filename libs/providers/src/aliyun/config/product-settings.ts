import { ALIYUN } from '../aliyun.facts';
import type { AliyunContext as Context, AliyunEndpoint } from './aliyun.env';
import { MAX_CALLBACK_URL_BYTES } from './aliyun.env';

// The rules the VOD and IMS halves share: the same variables under their own prefix, the same checks.

const REGION = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
const RESOURCE_ID = ALIYUN.RESOURCE_ID_PATTERN;
const APP_ID = /^app-[A-Za-z0-9]{1,64}$/;
export const HOST = /^(?=.{1,253}(?::\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/;

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

export function resourceIds(ctx: Context, variable: string, values: string[]): string[] {
  if (values.some((value) => !RESOURCE_ID.test(value))) ctx.problem(variable, 'each entry must be 1-64 letters, digits, "_" or "-"');
  return values;
}

export function optionalResourceId(ctx: Context, variable: string, value: string | undefined): string | undefined {
  if (value !== undefined && !RESOURCE_ID.test(value)) ctx.problem(variable, 'must be 1-64 letters, digits, "_" or "-"');
  return value;
}

const MAX_SECONDS = 100 * 365 * 24 * 3600;

/** A whole number of seconds from 1 to 100 years, or undefined when unset (no limit). */
export function optionalSeconds(ctx: Context, variable: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS) {
    ctx.problem(variable, `must be a whole number of seconds from 1 to ${MAX_SECONDS}, or unset for no limit`);
    return undefined;
  }
  return seconds;
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
/** Our floor in production: Alibaba takes a single character, which anyone could guess. */
const MIN_PRODUCTION_AUTH_KEY_CHARS = 16;

/**
 * The keys the product's callbacks may be signed with, the current one first (a previous one is
 * accepted during a rotation). Without a key the receiver is off; production refuses a callback URL
 * whose receiver would be off, since its events would be lost.
 */
function callbackAuthKeys(ctx: Context, name: (suffix: string) => string, values: Omit<ProductValues, 'REGION'>): string[] {
  const keys = [values.CALLBACK_AUTH_KEY, values.CALLBACK_AUTH_KEY_PREVIOUS].filter((key): key is string => key !== undefined);
  keys.forEach((key, index) => {
    const variable = name(index === 0 ? 'CALLBACK_AUTH_KEY' : 'CALLBACK_AUTH_KEY_PREVIOUS');
    if (!AUTH_KEY.test(key)) ctx.problem(variable, 'must be 1-32 letters and digits');
    // The key is all that stands between the internet and the receiver: guessable in production is refused.
    else if (ctx.isProduction && key.length < MIN_PRODUCTION_AUTH_KEY_CHARS) {
      ctx.problem(variable, `must be at least ${MIN_PRODUCTION_AUTH_KEY_CHARS} characters in production`);
    }
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
export interface ProductSpec {
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
export function buildProduct(ctx: Context, spec: ProductSpec, hasCredentials: boolean) {
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
