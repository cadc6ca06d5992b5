import { z } from 'zod';
import { aliyunEnv, aliyunSecrets } from './sections/aliyun.section';
import { appEnv } from './sections/app.section';
import { authEnv } from './sections/auth.section';
import { protectionEnv, protectionRegistryVariables, protectionSecrets } from './sections/protection.section';
import { storeEnv } from './sections/store.section';
import { tencentEnv, tencentSecrets } from './sections/tencent.section';
import { uploadsEnv, uploadsSecrets } from './sections/uploads.section';
import { webhooksEnv, webhooksSecrets } from './sections/webhooks.section';

/** Every environment variable with a fixed name. Each section owns its shape. */
export const envSchema = z.object({
  ...appEnv,
  ...authEnv,
  ...storeEnv,
  ...uploadsEnv,
  ...protectionEnv,
  ...aliyunEnv,
  ...tencentEnv,
  ...webhooksEnv,
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
  ...webhooksSecrets,
];

/** Variables named after registry entries (one per upload kind or provider), read by their section with `read`. */
export const REGISTRY_VARIABLES: readonly string[] = protectionRegistryVariables;

export const KNOWN_VARIABLES: readonly string[] = [...Object.keys(envSchema.shape), ...REGISTRY_VARIABLES];
