import { int } from '../env';
import type { BuildContext, EnvOf } from '../build-context';

export const uploadsEnv = {
  /** How long the ownership record of an upload (who may refresh or commit it) is kept, in seconds. */
  UPLOAD_RECORD_TTL_SECONDS: int(7 * 24 * 3600, 60, 90 * 24 * 3600),
};

type Context = BuildContext<EnvOf<typeof uploadsEnv>>;

export const uploadsSecrets: string[] = [];

export interface UploadsConfig {
  recordTtlSeconds: number;
}

export function buildUploads(ctx: Context): UploadsConfig {
  return { recordTtlSeconds: ctx.env.UPLOAD_RECORD_TTL_SECONDS };
}
