import { Injectable } from '@nestjs/common';
import { type ErrorCode, MetricsService } from '@app/common';

const REFUSAL_REASONS: Partial<Record<ErrorCode, string>> = {
  RATE_LIMITED: 'rate_limit',
  QUOTA_EXCEEDED: 'quota',
  UPSTREAM_BUSY: 'upstream_budget',
  IDEMPOTENCY_IN_FLIGHT: 'idempotency_conflict',
  IDEMPOTENCY_KEY_REUSED: 'idempotency_mismatch',
};

/** Counters of the protection layer, fed from every problem response and from replays. */
@Injectable()
export class ProtectionMetrics {
  readonly refusals;
  readonly replays;
  readonly storeErrors;

  constructor(metrics: MetricsService) {
    this.refusals = metrics.counter('upload_bff_refusals_total', 'Requests refused by our protection, by reason.', ['reason']);
    this.replays = metrics.counter('upload_bff_idempotent_replays_total', 'Responses replayed for a repeated Idempotency-Key.', ['kind']);
    this.storeErrors = metrics.counter('upload_bff_store_errors_total', 'Requests failed because the store was unavailable.', []);
  }

  observeProblem(code: ErrorCode): void {
    const reason = REFUSAL_REASONS[code];
    if (reason) this.refusals.inc({ reason });
    else if (code === 'STORE_UNAVAILABLE') this.storeErrors.inc();
  }
}
