import type { Logger } from 'pino';
import { type AppConfig, ConfigService } from '@app/config';
import { keysOf, UPLOAD_PROVIDERS } from '@app/registry';

/** What turns each product on (README, Configuration). */
const TURNED_ON_BY = 'ALIBABA_CLOUD_VOD_REGION, ALIBABA_CLOUD_IMS_REGION, or TENCENTCLOUD_SECRET_ID with TENCENTCLOUD_SECRET_KEY';

/**
 * Production with no cloud product configured boots (health, docs and records work) but answers
 * 501 on every upload route: say so once at start, naming what to set, instead of silently.
 */
export function warnIfNoProvider(config: AppConfig, logger: Logger): void {
  const offered = new ConfigService(config);
  if (!config.isProduction || keysOf(UPLOAD_PROVIDERS).some((provider) => offered.offers(provider))) return;
  logger.warn(
    { set: TURNED_ON_BY },
    `no cloud provider is configured: every upload route answers 501 PROVIDER_NOT_CONFIGURED; set ${TURNED_ON_BY}`,
  );
}
