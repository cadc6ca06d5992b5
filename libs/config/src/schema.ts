import { z } from 'zod';
import { appEnv } from './sections/app.section';
import { authEnv } from './sections/auth.section';
import { storeEnv } from './sections/store.section';

/** Every environment variable the service reads. Sections add their own shapes here. */
export const envSchema = z.object({
  ...appEnv,
  ...authEnv,
  ...storeEnv,
});

export type Env = z.infer<typeof envSchema>;

/** Variables holding secrets: `NAME_FILE` works for every variable, but these are also refused as placeholders in production. */
export const SECRET_VARIABLES = ['AUTH_JWT_SECRET', 'REDIS_PASSWORD'] as const;

export const KNOWN_VARIABLES = Object.keys(envSchema.shape);

export interface BuildContext {
  env: Env;
  isProduction: boolean;
  problem(variable: string, rule: string): void;
}
