import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';

/**
 * Production with no cloud product configured boots (health, docs and records work) but answers
 * 501 on every upload route: say so once at start, naming what to set, instead of silently.
 */
export function warnIfNoProvider(config: AppConfig, logger: Logger): void {
  if (!config.isProduction || config.offered.size > 0) return;
  const turnedOnBy = config.enabledBy.join(', or ');
  logger.warn(
    { set: turnedOnBy },
    `no cloud provider is configured: every upload route answers 501 PROVIDER_NOT_CONFIGURED; set ${turnedOnBy}`,
  );
}
