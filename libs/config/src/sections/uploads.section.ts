import { z } from 'zod';
import { int } from '../env';
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
  UPLOAD_VERIFICATION: z.enum(UPLOAD_VERIFICATION_MODES, { message: `must be one of ${UPLOAD_VERIFICATION_MODES.join(', ')}` }).default('delete'),
};

type Context = BuildContext<EnvOf<typeof uploadsEnv>>;

export const uploadsSecrets: string[] = [];

export interface UploadsConfig {
  recordTtlSeconds: number;
  eventsMaxSkewSeconds: number;
  verification: UploadVerificationMode;
}

export function buildUploads(ctx: Context): UploadsConfig {
  return {
    recordTtlSeconds: ctx.env.UPLOAD_RECORD_TTL_SECONDS,
    eventsMaxSkewSeconds: ctx.env.EVENTS_MAX_SKEW_SECONDS,
    verification: ctx.env.UPLOAD_VERIFICATION,
  };
}
