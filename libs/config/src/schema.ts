import { z } from 'zod';
import { aliyunEnv, aliyunSecrets } from './sections/aliyun.section';
import { appEnv } from './sections/app.section';
import { authEnv } from './sections/auth.section';
import { protectionEnv, protectionSecrets } from './sections/protection.section';
import { storeEnv } from './sections/store.section';
import { tencentEnv, tencentSecrets } from './sections/tencent.section';
import { uploadsEnv, uploadsSecrets } from './sections/uploads.section';

/** Every environment variable the service reads. Each section owns its shape. */
export const envSchema = z.object({
  ...appEnv,
  ...authEnv,
  ...storeEnv,
  ...uploadsEnv,
  ...protectionEnv,
  ...aliyunEnv,
  ...tencentEnv,
});

export type Env = z.infer<typeof envSchema>;

/** Variables holding secrets: refused as placeholders in production (`NAME_FILE` works for every variable). */
export const SECRET_VARIABLES: readonly string[] = [
  'AUTH_JWT_SECRET',
  'REDIS_PASSWORD',
  ...uploadsSecrets,
  ...protectionSecrets,
  ...aliyunSecrets,
  ...tencentSecrets,
];

export const KNOWN_VARIABLES = Object.keys(envSchema.shape);

export interface BuildContext {
  env: Env;
  isProduction: boolean;
  problem(variable: string, rule: string): void;
}
