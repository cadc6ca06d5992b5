import { z } from 'zod';
import type { ProviderConfigs } from './provider-section';
import { appEnv } from './sections/app.section';
import { authEnv } from './sections/auth.section';
import { regionsEnv } from './regions/regions.section';
import { protectionEnv, protectionRegistryVariables, protectionSecrets } from './sections/protection.section';
import { storeEnv } from './sections/store.section';
import { uploadsEnv, uploadsSecrets } from './sections/uploads.section';
import { webhooksEnv, webhooksSecrets } from './sections/webhooks.section';

/** Every platform variable with a fixed name. Each section owns its shape; providers bring their own. */
export const envSchema = z.object({
  ...appEnv,
  ...regionsEnv,
  ...authEnv,
  ...storeEnv,
  ...uploadsEnv,
  ...protectionEnv,
  ...webhooksEnv,
});

export type Env = z.infer<typeof envSchema>;

/** The platform's variables holding secrets: refused as placeholders in production (`NAME_FILE` works for every variable). */
const PLATFORM_SECRETS: readonly string[] = [
  'AUTH_JWT_SECRET',
  'REDIS_PASSWORD',
  ...uploadsSecrets,
  ...protectionSecrets,
  ...webhooksSecrets,
];

/** Every variable holding a secret, the providers' included. */
export function secretVariables(providers: ProviderConfigs): string[] {
  return [...PLATFORM_SECRETS, ...providers.sections.flatMap((section) => section.secrets)];
}

/** Every variable the configuration reads: fixed names, the providers', and those named after catalog entries. */
export function knownVariables(providers: ProviderConfigs): string[] {
  return [
    ...Object.keys(envSchema.shape),
    ...providers.sections.flatMap((section) => Object.keys(section.env as object)),
    ...protectionRegistryVariables(providers.catalog),
  ];
}
