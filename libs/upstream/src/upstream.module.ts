import { Global, Module } from '@nestjs/common';
import { UpstreamBudget } from './upstream-budget';
import { UpstreamCall } from './upstream-call';

/** The shared way to every provider API: budgets, timeouts, log lines, error mapping. */
@Global()
@Module({ providers: [UpstreamBudget, UpstreamCall], exports: [UpstreamBudget, UpstreamCall] })
export class UpstreamModule {}
