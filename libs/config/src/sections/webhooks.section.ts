import { isIP } from 'node:net';
import { nonPublicRange } from '@app/common';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@app/registry';
import { bool, int, list, optionalStr, url } from '../env';
import type { BuildContext, EnvOf } from '../build-context';

export const webhooksEnv = {
  /** The app backend's endpoint; unset: no webhooks (the sandbox delivers to its own sink). */
  WEBHOOK_URL: url(['https', 'http']),
  WEBHOOK_SECRET: optionalStr(),
  /** Older secrets still signed with during a rotation, comma-separated. */
  WEBHOOK_PREVIOUS_SECRETS: list(),
  WEBHOOK_TIMEOUT_MS: int(15_000, 100, 120_000),
  WEBHOOK_RETRY_SCHEDULE: optionalStr().default('5s,5m,30m,2h,5h,10h,10h'),
  WEBHOOK_EVENTS: list(),
  WEBHOOK_DEAD_LETTER_TTL_SECONDS: int(7 * 24 * 3600, 60, 90 * 24 * 3600),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: bool(false),
  WEBHOOK_CONCURRENCY: int(10, 1, 200),
  WEBHOOK_STALLED_RECOVERY_MS: int(30_000, 1_000, 600_000),
};

type Context = BuildContext<EnvOf<typeof webhooksEnv>>;

export const webhooksSecrets = ['WEBHOOK_SECRET', 'WEBHOOK_PREVIOUS_SECRETS'];

export interface WebhooksConfig {
  /** The app backend's endpoint; undefined: no webhooks, nothing queued. */
  url?: string;
  /** The current secret first; every delivery is signed with each of them. */
  secrets: string[];
  timeoutMs: number;
  /** Delay before each retry, in ms (jitter is added per attempt): attempts = length + 1. */
  retryScheduleMs: number[];
  events: WebhookEventType[];
  deadLetterTtlSeconds: number;
  /** Refuse loopback, private, link-local and metadata addresses (production, unless allowed). */
  publicAddressesOnly: boolean;
  /** Deliveries in flight per replica. */
  concurrency: number;
  /** How soon the deliveries a crashed replica held are taken over by another. */
  stalledRecoveryMs: number;
}

/** Standard Webhooks: `whsec_` and the base64 of 24 to 64 random bytes. */
export function isWebhookSecret(value: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (!match || match[1].length % 4 !== 0) return false;
  const bytes = Buffer.from(match[1], 'base64').length;
  return bytes >= 24 && bytes <= 64;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const MAX_RETRY_DELAY_MS = 24 * 3_600_000;

/** `5s,5m,30m` as milliseconds; undefined when any entry is not a number with ms, s, m or h (at most 24 h each). */
export function parseRetrySchedule(raw: string): number[] | undefined {
  const delays = raw.split(',').map((entry) => {
    const match = /^(\d{1,9})(ms|s|m|h)$/.exec(entry.trim());
    return match ? Number(match[1]) * DURATION_UNITS[match[2]] : NaN;
  });
  const valid = delays.length <= 30 && delays.every((delay) => Number.isFinite(delay) && delay >= 1 && delay <= MAX_RETRY_DELAY_MS);
  return valid ? delays : undefined;
}

function secrets(ctx: Context): string[] {
  const { env } = ctx;
  const all = [env.WEBHOOK_SECRET, ...env.WEBHOOK_PREVIOUS_SECRETS].filter((secret): secret is string => secret !== undefined);
  const rule = 'must be whsec_ followed by the base64 of 24 to 64 random bytes (e.g. whsec_$(openssl rand -base64 32))';
  if (env.WEBHOOK_SECRET !== undefined && !isWebhookSecret(env.WEBHOOK_SECRET)) ctx.problem('WEBHOOK_SECRET', rule);
  if (!env.WEBHOOK_PREVIOUS_SECRETS.every(isWebhookSecret)) ctx.problem('WEBHOOK_PREVIOUS_SECRETS', `each entry ${rule}`);
  if (env.WEBHOOK_SECRET === undefined && env.WEBHOOK_PREVIOUS_SECRETS.length > 0) {
    ctx.problem('WEBHOOK_PREVIOUS_SECRETS', 'needs WEBHOOK_SECRET, the current secret');
  }
  return all;
}

function events(ctx: Context): WebhookEventType[] {
  const chosen = ctx.env.WEBHOOK_EVENTS;
  const known = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
  if (!chosen.every(known)) ctx.problem('WEBHOOK_EVENTS', `each entry must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  return chosen.length === 0 ? [...WEBHOOK_EVENT_TYPES] : chosen.filter(known);
}

/**
 * Production: https only, and no IP address inside our network (SSRF) unless allowed. A host name
 * (localhost included) is checked at every delivery, against what it resolves to then.
 */
function checkTarget(ctx: Context, target: string, publicAddressesOnly: boolean): void {
  if (!ctx.isProduction) return;
  const { protocol, hostname } = new URL(target);
  if (protocol !== 'https:') ctx.problem('WEBHOOK_URL', 'must be an https URL in production');
  const literal = hostname.replace(/^\[|\]$/g, '');
  const range = isIP(literal) === 0 ? undefined : nonPublicRange(literal);
  if (publicAddressesOnly && range !== undefined) {
    ctx.problem('WEBHOOK_URL', `must not point to a ${range} address in production (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)`);
  }
}

export function buildWebhooks(ctx: Context): WebhooksConfig {
  const { env } = ctx;
  const retryScheduleMs = parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE);
  if (!retryScheduleMs) {
    ctx.problem('WEBHOOK_RETRY_SCHEDULE', 'must be comma-separated delays with a unit (ms, s, m or h), each at most 24h, e.g. 5s,5m,30m');
  }
  const publicAddressesOnly = ctx.isProduction && !env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  if (env.WEBHOOK_URL !== undefined) {
    if (env.WEBHOOK_SECRET === undefined) ctx.problem('WEBHOOK_SECRET', 'is required with WEBHOOK_URL');
    checkTarget(ctx, env.WEBHOOK_URL, publicAddressesOnly);
  } else if (ctx.isProduction && env.WEBHOOK_SECRET !== undefined) {
    ctx.problem('WEBHOOK_URL', 'is required with WEBHOOK_SECRET (or remove the secret)');
  }
  return {
    url: env.WEBHOOK_URL,
    secrets: secrets(ctx),
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retryScheduleMs: retryScheduleMs ?? [],
    events: events(ctx),
    deadLetterTtlSeconds: env.WEBHOOK_DEAD_LETTER_TTL_SECONDS,
    publicAddressesOnly,
    concurrency: env.WEBHOOK_CONCURRENCY,
    stalledRecoveryMs: env.WEBHOOK_STALLED_RECOVERY_MS,
  };
}
