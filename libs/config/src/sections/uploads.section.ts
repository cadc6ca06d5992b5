import { z } from 'zod';
import { int, optionalStr } from '../env';
import { parseRetrySchedule } from './webhooks.section';
import type { BuildContext, EnvOf } from '../build-context';

export const UPLOAD_VERIFICATION_MODES = ['delete', 'flag', 'off'] as const;
export type UploadVerificationMode = (typeof UPLOAD_VERIFICATION_MODES)[number];

export const uploadsEnv = {
  /** How long an upload record (its owner, status and ids) is kept after it was issued, in seconds. */
  UPLOAD_RECORD_TTL_SECONDS: int(7 * 24 * 3600, 60, 90 * 24 * 3600),
  /** Provider callbacks whose timestamp is further than this from our clock are refused (replays). */
  EVENTS_MAX_SKEW_SECONDS: int(300, 10, 3600),
  /**
   * What a completion event leads to: `delete` (asks the provider what arrived, and deletes what breaks
   * the kind's policy), `flag` (asks, and only marks it rejected), `off` (believes the event).
   */
  /** The waits between tries of a verification the provider could not answer (5xx, timeout, budget): about 45 minutes in all. */
  UPLOAD_VERIFICATION_RETRY_SCHEDULE: optionalStr().default('10s,30s,1m,2m,5m,5m,5m,5m,10m,10m'),
  UPLOAD_VERIFICATION: z
    .enum(UPLOAD_VERIFICATION_MODES, { message: `must be one of ${UPLOAD_VERIFICATION_MODES.join(', ')}` })
    .default('delete'),
};

type Context = BuildContext<EnvOf<typeof uploadsEnv>>;

export const uploadsSecrets: string[] = [];

export interface UploadsConfig {
  recordTtlSeconds: number;
  eventsMaxSkewSeconds: number;
  verification: UploadVerificationMode;
  verificationRetryScheduleMs: number[];
}

export function buildUploads(ctx: Context): UploadsConfig {
  const verificationRetryScheduleMs = parseRetrySchedule(ctx.env.UPLOAD_VERIFICATION_RETRY_SCHEDULE) ?? [];
  if (verificationRetryScheduleMs.length === 0) {
    ctx.problem(
      'UPLOAD_VERIFICATION_RETRY_SCHEDULE',
      'must be comma-separated delays with a unit (ms, s, m or h), each at most 24h, e.g. 10s,1m,5m',
    );
  }
  return {
    verificationRetryScheduleMs,
    recordTtlSeconds: ctx.env.UPLOAD_RECORD_TTL_SECONDS,
    eventsMaxSkewSeconds: ctx.env.EVENTS_MAX_SKEW_SECONDS,
    verification: ctx.env.UPLOAD_VERIFICATION,
  };
}
