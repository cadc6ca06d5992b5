import { type AppConfig, loadConfig } from '@app/config';
import { PROVIDERS } from '@app/providers';
import { catalogOf, configsOf } from '@app/uploads';

// The one place the service meets its providers: everything else is given what it needs from here.
export { PROVIDERS };
// What GET /v1/sandbox answers, documented in every deployment (the emulator itself is loaded only in the sandbox).
export { SANDBOX_EXAMPLE, SandboxDto, sandboxEndpointLines } from '@app/providers';

/** What the registered providers declare, merged. */
export const CATALOG = catalogOf(PROVIDERS);

/** What the configuration needs of them. */
export const PROVIDER_CONFIGS = configsOf(PROVIDERS);

/** The whole configuration, the providers' sections included. */
export function loadServiceConfig(env: Record<string, string | undefined>): AppConfig {
  return loadConfig(env, PROVIDER_CONFIGS);
}
