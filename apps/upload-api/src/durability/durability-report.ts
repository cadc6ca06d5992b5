import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { Store, type StorePersistence } from '@app/store';
import { describePersistence, keptData } from './kept-data';

const GUIDE = 'docs/deploy/README.md, "What survives what"';

/**
 * Says once at start what the service keeps in Redis and for how long, and how Redis keeps it. In
 * production a Redis that reports no persistence at all is a warning: its restart loses every record,
 * idempotent answer and queued webhook. A Redis that will not say (CONFIG and INFO refused, as managed
 * services may) is no warning: it may well persist.
 */
@Injectable()
export class DurabilityReport implements OnApplicationBootstrap {
  private readonly logger = new Logger('Store');

  constructor(
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.store.kind !== 'redis') return;
    const persistence = await this.store.persistence().catch(() => undefined);
    const how = persistence ? describePersistence(persistence) : 'not checked (Redis did not answer)';
    this.logger.log(`Redis keeps ${keptData(this.config.values).join('; ')}. Persistence: ${how}`);
    if (!persistence) return;
    if (isNone(persistence) && this.config.isProduction) {
      this.logger.warn(
        'Redis reports no persistence (appendonly no, no save points): its restart loses every upload record, ' +
          `idempotent answer and queued webhook. Turn on AOF (appendonly yes, appendfsync everysec): ${GUIDE}`,
      );
    } else if (persistence.appendOnly === undefined || persistence.snapshots === undefined) {
      this.logger.debug(`Redis did not say how it persists (CONFIG or INFO refused to this user): make sure it does, ${GUIDE}`);
    }
  }
}

const isNone = (persistence: StorePersistence) => persistence.appendOnly === false && persistence.snapshots === false;
