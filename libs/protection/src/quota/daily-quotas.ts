import { Injectable } from '@nestjs/common';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import type { UploadKind } from '@app/registry';
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
 * Daily credentials per user per kind: the unit a request spends, and the 429 once they are used up.
 * A unit is spent in the same store step as the upload's record (UploadRecords.issue: one round trip),
 * and given back when the credential could not be issued, so only credentials issued count, and
 * concurrent requests cannot overshoot the quota.
 */
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
   * Whether the unit's counter is at its limit, read without spending: a request refused before its
   * record is written (its body, its choices) still answers 429 first, as the quota's place before the
   * body promises (the kind's handler asks on its error path only).
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
