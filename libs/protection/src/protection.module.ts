import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { ProtectionMetrics } from './metrics/protection-metrics';
import { DailyQuotas } from './quota/daily-quotas';
import { RequestGate } from './gate/request-gate';

const providers = [RequestGate, DailyQuotas, IdempotencyInterceptor, ProtectionMetrics];

/** The request gate (authentication, rate limits, provider availability), daily quotas and idempotency, shared by every upload route. */
@Global()
@Module({ providers, exports: providers })
export class ProtectionModule {}
