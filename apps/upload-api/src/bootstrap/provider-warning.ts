import type { Logger } from 'pino';
import type { AppConfig } from '@app/config';

/**
 * Production with no cloud product configured boots (health, docs and records work) but answers
 * 501 on every upload route: say so once at start, naming what to set, instead of silently.
 */
/**
 * Region profiles sharing a callback key or event token accept each other's events for their uploads (an
 * event still applies only to an upload of a profile whose secret it carries): allowed, but said at start.
 */
export function warnIfSharedCallbackSecrets(config: AppConfig, logger: Logger): void {
  for (const { variable, profiles } of config.regions.sharedCallbackSecrets) {
    logger.warn(
      { variable, profiles },
      `${variable} is the same in the region profiles ${profiles.join(', ')}: an event signed for one is accepted for the ` +
        `others' uploads; give each profile its own (${variable}__<PROFILE>) to keep their events apart`,
    );
  }
}

export function warnIfNoProvider(config: AppConfig, logger: Logger): void {
  const offersAny = Object.values(config.regions.profiles).some((profile) => profile.offered.size > 0);
  if (!config.isProduction || offersAny) return;
  const turnedOnBy = config.enabledBy.join(', or ');
  logger.warn(
    { set: turnedOnBy },
    `no cloud provider is configured: every upload route answers 501 PROVIDER_NOT_CONFIGURED; set ${turnedOnBy}`,
  );
}
