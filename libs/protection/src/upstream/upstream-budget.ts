import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService, type UpstreamProvider } from '@app/config';
import { Store } from '@app/store';
import { ProtectionKeys } from '../protection-keys';

/**
 * A token bucket per provider operation, shared by all replicas, set below the provider's QPS
 * cap. The burst is a quarter second's worth, so no one-second window sees much more than the
 * rate. When empty: wait up to UPSTREAM_BUDGET_MAX_WAIT_MS, then 503 UPSTREAM_BUSY.
 */
@Injectable()
export class UpstreamBudget {
  constructor(
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  async acquire(provider: UpstreamProvider, operation: string): Promise<void> {
    const rate = this.config.protection.upstreamBudgets[provider];
    const burst = Math.max(1, Math.ceil(rate / 4));
    const deadline = Date.now() + this.config.protection.upstreamMaxWaitMs;
    const key = ProtectionKeys.upstream(provider, operation);
    for (;;) {
      const grant = await this.store.takeToken(key, rate, burst);
      if (grant.allowed) return;
      if (Date.now() + grant.waitMs > deadline) {
        throw new ApiError(503, ErrorCode.UPSTREAM_BUSY, `Too many ${provider} ${operation} calls right now; retry shortly.`, {
          retryAfterSeconds: grant.waitMs / 1000,
        });
      }
      await sleep(grant.waitMs);
    }
  }
}
