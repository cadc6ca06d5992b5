import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { ProtectionMetrics } from './metrics/protection-metrics';
import { DailyQuotaInterceptor } from './quota/daily-quota.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { ProviderOfferedGuard } from './provider-offered.guard';

const providers = [RateLimitGuard, ProviderOfferedGuard, DailyQuotaInterceptor, IdempotencyInterceptor, ProtectionMetrics];

/** Rate limits, provider availability, daily quotas and idempotency, shared by every upload route. */
@Global()
@Module({ providers, exports: providers })
export class ProtectionModule {}
