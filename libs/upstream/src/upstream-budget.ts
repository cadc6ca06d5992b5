import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import type { UpstreamProvider } from '@app/registry';
import { Store } from '@app/store';

/**
 * The bucket of one provider operation, in one region profile when REGIONS declares them (the providers'
 * QPS caps are per region and account); the hash tag keeps it on one Redis Cluster slot.
 */
export const upstreamBudgetKey = (provider: UpstreamProvider, operation: string, region?: string) =>
  region === undefined ? `upstream:{${provider}:${operation}}` : `upstream:{${provider}:${operation}:${region}}`;

/** 503 when the operation's budget stays empty for longer than the request may wait. */
export function upstreamBusy(provider: UpstreamProvider, operation: string, retryAfterSeconds = 1): ApiError {
  return new ApiError(503, ErrorCode.UPSTREAM_BUSY, `Too many ${provider} ${operation} calls right now; retry shortly.`, {
    retryAfterSeconds,
  });
}

/**
 * A token bucket per provider operation (and region profile), shared by all replicas, set below the
 * provider's QPS cap. The burst is a quarter second's worth, so no one-second window sees much more than the
 * rate. When empty: wait up to UPSTREAM_BUDGET_MAX_WAIT_MS, then 503 UPSTREAM_BUSY.
 */
@Injectable()
export class UpstreamBudget {
  constructor(
    private readonly store: Store,
    private readonly config: ConfigService,
  ) {}

  /** `region`: the profile whose account is called (the default one when omitted); its own bucket only with REGIONS. */
  async acquire(provider: UpstreamProvider, operation: string, region?: string): Promise<void> {
    const { declared, default: fallback, profiles } = this.config.regions;
    const profile = region ?? fallback;
    if (!Object.hasOwn(profiles, profile)) throw new Error(`no region profile ${profile}`);
    const rate = profiles[profile].upstreamBudgets[provider];
    const burst = Math.max(1, Math.ceil(rate / 4));
    const deadline = Date.now() + this.config.protection.upstreamMaxWaitMs;
    const key = upstreamBudgetKey(provider, operation, declared ? profile : undefined);
    for (;;) {
      const grant = await this.store.takeToken(key, rate, burst);
      if (grant.allowed) return;
      if (Date.now() + grant.waitMs > deadline) {
        throw upstreamBusy(provider, operation, grant.waitMs / 1000);
      }
      await sleep(grant.waitMs);
    }
  }
}
