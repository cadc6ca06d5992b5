import { TENCENT_SIGNATURE_MAX_VALIDITY_SECONDS, TENCENT_VOD_HOST, TENCENT_VOD_SIGNING_SERVICE } from '../tencent.facts';
import { bool, type BuildContext, type ConfigService, defineConfigSection, type EnvOf, int, list, optionalStr } from '@app/config';
import { TENCENT_VOD } from '../tencent.products';

// A plain constants file: the limits are Tencent's, kept in one place for the service and for these rules.

const GiB = 1024 ** 3;

/** Tencent Cloud VOD (2018-07-17) settings. Credentials use the names of Tencent's own tools (TENCENTCLOUD_*). */
export const tencentEnv = {
  TENCENTCLOUD_SECRET_ID: optionalStr(),
  TENCENTCLOUD_SECRET_KEY: optionalStr(),
  TENCENTCLOUD_SESSION_TOKEN: optionalStr(),
  TENCENTCLOUD_REGION: optionalStr(),
  TENCENTCLOUD_VOD_ENDPOINT: optionalStr(),
  TENCENTCLOUD_VOD_SUB_APP_ID: optionalStr(),
  TENCENTCLOUD_VOD_STORAGE_REGION: optionalStr(),
  TENCENTCLOUD_VOD_PROCEDURE: optionalStr(),
  TENCENTCLOUD_VOD_PROCEDURES: list(),
  TENCENTCLOUD_VOD_CLASS_ID: optionalStr(),
  TENCENTCLOUD_VOD_CLASS_IDS: list(),
  TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: int(5_000, 100, 60_000),
  TENCENTCLOUD_VOD_SESSION_MARGIN_SECONDS: int(3_600, 0, 7 * 24 * 3_600),
  TENCENTCLOUD_VOD_COMMIT_WAIT_MS: int(3_000, 0, 60_000),
  TENCENTCLOUD_VOD_SIGNATURE_TTL_SECONDS: int(1_800, 60, TENCENT_SIGNATURE_MAX_VALIDITY_SECONDS),
  TENCENTCLOUD_VOD_SIGNATURE_ONE_TIME: bool(true),
  TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD: int(10, 1, 100),
  TENCENTCLOUD_VOD_EVENT_MODE: optionalStr(),
  TENCENTCLOUD_VOD_EVENT_TOKEN: optionalStr(),
  TENCENTCLOUD_VOD_EVENT_PULL_WAIT_MS: int(10_000, 1_000, 60_000),
  TENCENTCLOUD_VOD_MAX_FILE_SIZE: int(10 * GiB, 1),
  TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: optionalStr(),
};

type Context = BuildContext<EnvOf<typeof tencentEnv>>;

/** Variables of this section holding secrets (refused as placeholders in production). */
export const tencentSecrets: string[] = ['TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_VOD_EVENT_TOKEN'];

export interface TencentVodSettings {
  /** Origin of the VOD API, e.g. https://vod.tencentcloudapi.com (or the emulator's http://127.0.0.1:PORT). */
  endpoint: string;
  subAppId: number;
  storageRegion?: string;
  /** Task flow run after upload when the client names none. */
  procedure?: string;
  /** Task flows a client may name. */
  procedures: string[];
  classId?: number;
  /** Categories a client may name. */
  classIds: number[];
  requestTimeoutMs: number;
  /** How long past the temporary certificate's expiry the session key is kept for a late commit. */
  sessionMarginSeconds: number;
  /** How long a second, concurrent commit waits for the first one's result. */
  commitWaitMs: number;
  signatureTtlSeconds: number;
  signatureOneTime: boolean;
  /** Signatures one upload may ask for (vod-js-sdk-v6 asks before each call, and again on retries). */
  signaturesPerUpload: number;
  /** How we learn of finished uploads: PUSH callbacks to our token URL, or the PULL loop, or neither. */
  events: TencentEventSettings;
  /** Largest file (bytes) an upload may leave at VOD; a larger one is rejected once verified. */
  maxFileSize: number;
  /** Longest media (seconds) an upload may leave at VOD; no limit when absent. */
  maxDurationSeconds?: number;
}

export type TencentEventSettings =
  | { mode: 'off' }
  | { mode: 'push'; token: string }
  /** `waitMs` bounds one PullEvents call (Tencent holds it up to 5 s when it has nothing). */
  | { mode: 'pull'; waitMs: number };

/** Off unless a SecretId/SecretKey pair is set; the routes then answer 501. */
export type TencentConfig =
  | { enabled: false }
  | {
      enabled: true;
      credentials: { secretId: string; secretKey: string; sessionToken?: string };
      /** API region (X-TC-Region), not the storage region. */
      region: string;
      vod: TencentVodSettings;
    };

const DEFAULT_REGION = 'ap-guangzhou';
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** Task flow names are free text at Tencent; we refuse only what would break our lists and logs. */
const PROCEDURE = /^[^,\p{Cc}]{1,64}$/u;
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

function positiveInt(ctx: Context, variable: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    ctx.problem(variable, `must be an integer of at least ${min}`);
    return undefined;
  }
  return value;
}

function region(ctx: Context, variable: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && !REGION.test(raw)) ctx.problem(variable, 'must be a region name such as ap-guangzhou');
  return raw;
}

/**
 * The SDK takes the signing service from the endpoint's first label, so a named host must be
 * vod.<domain>. An IP address or localhost (the emulator) is reached under the default host name.
 */
function endpoint(ctx: Context, raw: string | undefined): string {
  const variable = 'TENCENTCLOUD_VOD_ENDPOINT';
  const fallback = `https://${TENCENT_VOD_HOST}`;
  if (raw === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    ctx.problem(variable, 'must be a URL such as https://vod.tencentcloudapi.com');
    return fallback;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    ctx.problem(variable, 'must be an http(s) origin with no path, query or credentials');
  } else if (ctx.isProduction && url.protocol !== 'https:') {
    ctx.problem(variable, 'must use https in production');
  } else if (!IP_LITERAL.test(url.hostname) && url.hostname !== 'localhost' && url.hostname.split('.')[0] !== TENCENT_VOD_SIGNING_SERVICE) {
    ctx.problem(
      variable,
      `must name a host starting with "${TENCENT_VOD_SIGNING_SERVICE}." (the SDK signs for its first label), an IP address or localhost`,
    );
  }
  return url.origin;
}

function allowlist<T>(ctx: Context, variable: string, entries: string[], rule: string, parse: (entry: string) => T | undefined): T[] {
  const parsed = entries.map(parse);
  if (parsed.some((entry) => entry === undefined)) {
    ctx.problem(variable, rule);
    return [];
  }
  return [...new Set(parsed as T[])];
}

/** Tokens in our callback URL are the only thing between the internet and the receiver: long, random. */
const MIN_EVENT_TOKEN_CHARS = 32;
/** Longer tokens made every PUSH 404 (a route parameter's length cap): refused at start instead. */
const MAX_EVENT_TOKEN_CHARS = 128;
const EVENT_TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * Tencent signs no PUSH callback, so the receiver's URL carries a secret token. Unset mode: PUSH when
 * a token is set, else no events. PULL needs no token: only one replica at a time polls Tencent.
 */
function events(ctx: Context): TencentEventSettings {
  const { TENCENTCLOUD_VOD_EVENT_MODE: mode, TENCENTCLOUD_VOD_EVENT_TOKEN: token } = ctx.env;
  if (mode !== undefined && !['push', 'pull', 'off'].includes(mode)) {
    ctx.problem('TENCENTCLOUD_VOD_EVENT_MODE', 'must be push, pull or off');
    return { mode: 'off' };
  }
  if (token !== undefined && (token.length < MIN_EVENT_TOKEN_CHARS || token.length > MAX_EVENT_TOKEN_CHARS || !EVENT_TOKEN.test(token))) {
    ctx.problem(
      'TENCENTCLOUD_VOD_EVENT_TOKEN',
      `must be ${MIN_EVENT_TOKEN_CHARS}-${MAX_EVENT_TOKEN_CHARS} letters, digits, "-" or "_" (openssl rand -hex 24)`,
    );
  }
  if (mode === 'pull') return { mode: 'pull', waitMs: ctx.env.TENCENTCLOUD_VOD_EVENT_PULL_WAIT_MS };
  if (mode === 'off') return { mode: 'off' };
  if (token !== undefined) return { mode: 'push', token };
  if (mode === 'push') ctx.problem('TENCENTCLOUD_VOD_EVENT_TOKEN', 'is required with TENCENTCLOUD_VOD_EVENT_MODE=push');
  return { mode: 'off' };
}

export function buildTencent(ctx: Context): TencentConfig {
  const { env } = ctx;
  const secretId = env.TENCENTCLOUD_SECRET_ID;
  const secretKey = env.TENCENTCLOUD_SECRET_KEY;
  if (secretId === undefined && secretKey === undefined) {
    if (env.TENCENTCLOUD_SESSION_TOKEN !== undefined) {
      ctx.problem('TENCENTCLOUD_SESSION_TOKEN', 'needs TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY');
    }
    return { enabled: false };
  }
  if (secretId === undefined) ctx.problem('TENCENTCLOUD_SECRET_ID', 'is required with TENCENTCLOUD_SECRET_KEY');
  if (secretKey === undefined) ctx.problem('TENCENTCLOUD_SECRET_KEY', 'is required with TENCENTCLOUD_SECRET_ID');

  const subAppId = positiveInt(ctx, 'TENCENTCLOUD_VOD_SUB_APP_ID', env.TENCENTCLOUD_VOD_SUB_APP_ID, 1);
  if (env.TENCENTCLOUD_VOD_SUB_APP_ID === undefined) {
    // Accounts opened since 2023-12-25 must name the application on every call (ApplyUpload 266/31767).
    ctx.problem('TENCENTCLOUD_VOD_SUB_APP_ID', 'is required when Tencent Cloud is configured (the VOD application id)');
  }
  const procedure = env.TENCENTCLOUD_VOD_PROCEDURE;
  if (procedure !== undefined && !PROCEDURE.test(procedure)) {
    ctx.problem('TENCENTCLOUD_VOD_PROCEDURE', 'must be a task flow name of 1-64 characters without commas');
  }

  return {
    enabled: true,
    credentials: { secretId: secretId ?? '', secretKey: secretKey ?? '', sessionToken: env.TENCENTCLOUD_SESSION_TOKEN },
    region: region(ctx, 'TENCENTCLOUD_REGION', env.TENCENTCLOUD_REGION) ?? DEFAULT_REGION,
    vod: {
      endpoint: endpoint(ctx, env.TENCENTCLOUD_VOD_ENDPOINT),
      subAppId: subAppId ?? 0,
      storageRegion: region(ctx, 'TENCENTCLOUD_VOD_STORAGE_REGION', env.TENCENTCLOUD_VOD_STORAGE_REGION),
      procedure,
      procedures: allowlist(
        ctx,
        'TENCENTCLOUD_VOD_PROCEDURES',
        env.TENCENTCLOUD_VOD_PROCEDURES,
        'must be a comma-separated list of task flow names',
        (entry) => (PROCEDURE.test(entry) ? entry : undefined),
      ),
      classId: positiveInt(ctx, 'TENCENTCLOUD_VOD_CLASS_ID', env.TENCENTCLOUD_VOD_CLASS_ID, 0),
      classIds: allowlist(
        ctx,
        'TENCENTCLOUD_VOD_CLASS_IDS',
        env.TENCENTCLOUD_VOD_CLASS_IDS,
        'must be a comma-separated list of integers of at least 0',
        (entry) => (/^\d{1,15}$/.test(entry) ? Number(entry) : undefined),
      ),
      requestTimeoutMs: env.TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS,
      sessionMarginSeconds: env.TENCENTCLOUD_VOD_SESSION_MARGIN_SECONDS,
      commitWaitMs: env.TENCENTCLOUD_VOD_COMMIT_WAIT_MS,
      signatureTtlSeconds: env.TENCENTCLOUD_VOD_SIGNATURE_TTL_SECONDS,
      signatureOneTime: env.TENCENTCLOUD_VOD_SIGNATURE_ONE_TIME,
      signaturesPerUpload: env.TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD,
      events: events(ctx),
      maxFileSize: env.TENCENTCLOUD_VOD_MAX_FILE_SIZE,
      maxDurationSeconds: positiveInt(ctx, 'TENCENTCLOUD_VOD_MAX_DURATION_SECONDS', env.TENCENTCLOUD_VOD_MAX_DURATION_SECONDS, 1),
    },
  };
}

export type EnabledTencentConfig = Extract<TencentConfig, { enabled: true }>;

/** Tencent Cloud's configuration: VOD is on with a SecretId/SecretKey pair. */
export const TENCENT_CONFIG = defineConfigSection({
  name: 'tencent',
  env: tencentEnv,
  secrets: tencentSecrets,
  credentials: [{ pair: ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'], with: ['TENCENTCLOUD_SESSION_TOKEN'] }],
  callbackSecrets: ['TENCENTCLOUD_VOD_EVENT_TOKEN'],
  enabledBy: 'TENCENTCLOUD_SECRET_ID with TENCENTCLOUD_SECRET_KEY',
  build: buildTencent,
  offered: (settings: TencentConfig) => (settings.enabled ? [TENCENT_VOD.id] : []),
  longestCallMs: (settings: TencentConfig) => (settings.enabled ? settings.vod.requestTimeoutMs : 0),
});

/** VOD's settings in `region`'s profile (the default one when omitted), or 501 PROVIDER_NOT_CONFIGURED when it does not offer VOD. */
export function tencentSettings(config: ConfigService, region?: string): EnabledTencentConfig {
  config.requireOffered(TENCENT_VOD.id, region);
  return config.section(TENCENT_CONFIG, region) as EnabledTencentConfig;
}
