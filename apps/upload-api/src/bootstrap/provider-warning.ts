import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';

/**
 * Production with no cloud product configured boots (health, docs and records work) but answers
 * 501 on every upload route: say so once at start, naming what to set, instead of silently.
 */
export function warnIfNoProvider(config: AppConfig, logger: Logger): void {
  const offersAny = Object.values(config.regions.profiles).some((profile) => profile.offered.size > 0);
  if (!config.isProduction || offersAny) return;
  const turnedOnBy = config.enabledBy.join(', or ');
  logger.warn(
    { set: turnedOnBy },
    `no cloud provider is configured: every upload route answers 501 PROVIDER_NOT_CONFIGURED; set ${turnedOnBy}`,
  );
}
