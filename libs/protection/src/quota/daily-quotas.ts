import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import type { KindSpec, UploadKind } from '@app/registry';
import { Store } from '@app/store';
import { ProtectionKeys } from '../protection-keys';
import { utcDay } from './utc-day';

/** Margin past midnight so a counter never expires before its day ends on a slow clock. */
const EXPIRY_SLACK_MS = 60_000;

/** The daily-quota unit one request of a kind spends: its counter, the kind's limit, the counter's TTL. */
export interface QuotaUnit {
  kind: UploadKind;
  key: string;
  limit: number;
  ttlMs: number;
  msUntilReset: number;
}

/**
 * A kind that calls no provider API makes its credential in-process: its quota unit is reserved in
 * the same store step as its upload record (one round trip), not by the DailyQuotaInterceptor.
 */
export const reservesQuotaWithRecord = (spec: KindSpec): boolean => spec.quota !== undefined && !spec.callsUpstream;

/** Daily credentials per user per kind: the unit a request spends, and the 429 once they are used up. */
@Injectable()
export class DailyQuotas {
  constructor(
    private readonly config: ConfigService,
    private readonly store: Store,
  ) {}

  /** Undefined when the kind has no daily quota. */
  unit(kind: UploadKind, userId: string, nowMs = Date.now()): QuotaUnit | undefined {
    const limit = this.config.protection.dailyQuotas[kind];
    if (limit === undefined) return undefined;
    const { day, msUntilReset } = utcDay(nowMs);
    return { kind, key: ProtectionKeys.quota(kind, userId, day), limit, ttlMs: msUntilReset + EXPIRY_SLACK_MS, msUntilReset };
  }

  /**
   * Whether the unit's counter is at its limit, read without spending: for a kind that reserves its unit
   * with its record, a request refused before that step (its body, its choices) still answers 429 first,
   * as a create refused after its DailyQuotaInterceptor does.
   */
  async usedUp(unit: QuotaUnit): Promise<boolean> {
    return Number((await this.store.get(unit.key)) ?? 0) >= unit.limit;
  }

  exceeded(unit: QuotaUnit): ApiError {
    return new ApiError(
      429,
      ErrorCode.QUOTA_EXCEEDED,
      `The daily quota of ${unit.limit} ${unit.kind} credentials is used up; it resets at 00:00 UTC.`,
      { retryAfterSeconds: unit.msUntilReset / 1000 },
    );
  }
}
