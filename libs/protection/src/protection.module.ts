import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { ProtectionMetrics } from './metrics/protection-metrics';
import { DailyQuotaInterceptor } from './quota/daily-quota.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { UpstreamBudget } from './upstream/upstream-budget';

const providers = [RateLimitGuard, DailyQuotaInterceptor, IdempotencyInterceptor, UpstreamBudget, ProtectionMetrics];

/** Rate limits, daily quotas, idempotency and upstream budgets, shared by every upload route. */
@Global()
@Module({ providers, exports: providers })
export class ProtectionModule {}
