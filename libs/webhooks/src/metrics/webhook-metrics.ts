import type { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@app/common';
import { WEBHOOK_EVENT_TYPES } from '@app/registry';
import type { AttemptOutcome } from '../delivery/webhook-sender';

/** What the queue reports at a scrape. */
export interface QueueStats {
  waiting: number;
  delayed: number;
  active: number;
  deadLetters: number;
  /** Epoch ms when the oldest event not yet delivered was queued; undefined when none is pending. */
  oldestPendingSince?: number;
}

/** Seconds: receivers answer in milliseconds to seconds, and a cut attempt lands at the timeout. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

/** The webhook counters, and gauges read from the queue at each scrape (the queue is shared by every replica). */
export class WebhookMetrics {
  readonly deliveries: Counter<'type' | 'outcome'>;
  readonly attemptSeconds: Histogram<'outcome'>;
  readonly deadLettered: Counter<'type'>;
  readonly publishFailures: Counter<'type'>;

  /** `stats` reads the queue; without one (webhooks off) there are no gauges. */
  constructor(metrics: MetricsService, stats?: () => Promise<QueueStats>) {
    this.deliveries = metrics.counter('upload_bff_webhook_deliveries_total', 'Webhook delivery attempts by event type and outcome.', [
      'type',
      'outcome',
    ]);
    this.attemptSeconds = metrics.histogram(
      'upload_bff_webhook_attempt_duration_seconds',
      'Duration of one webhook delivery attempt, by outcome.',
      ['outcome'],
      LATENCY_BUCKETS,
    );
    this.deadLettered = metrics.counter(
      'upload_bff_webhook_dead_lettered_total',
      'Events moved to the dead letters after their last retry.',
      ['type'],
    );
    this.publishFailures = metrics.counter(
      'upload_bff_webhook_publish_failures_total',
      'Events that could not be queued (store unavailable).',
      ['type'],
    );
    // Rare events start at 0 for every type, so an alert's increase() sees the first one.
    for (const type of WEBHOOK_EVENT_TYPES) {
      this.deadLettered.inc({ type }, 0);
      this.publishFailures.inc({ type }, 0);
    }
    if (stats) this.registerGauges(metrics, stats);
  }

  private registerGauges(metrics: MetricsService, stats: () => Promise<QueueStats>): void {
    // One read of the queue per scrape (prom-client collects all gauges at once), shared by the gauges below;
    // a store outage leaves them as they were.
    let scrape: Promise<QueueStats | undefined> | undefined;
    const read = () => {
      scrape ??= stats()
        .catch(() => undefined)
        .finally(() => (scrape = undefined));
      return scrape;
    };
    metrics.gauge('upload_bff_webhook_queue_depth', 'Webhook events waiting to be delivered, by state.', ['state'], async function () {
      const current = await read();
      if (!current) return;
      for (const state of ['waiting', 'delayed', 'active'] as const) this.set({ state }, current[state]);
    });
    metrics.gauge(
      'upload_bff_webhook_oldest_pending_age_seconds',
      'Age of the oldest webhook event not yet delivered (0: none).',
      [],
      async function () {
        const current = await read();
        if (!current) return;
        this.set(current.oldestPendingSince === undefined ? 0 : Math.max(0, (Date.now() - current.oldestPendingSince) / 1000));
      },
    );
    metrics.gauge(
      'upload_bff_webhook_dead_letters',
      'Webhook events in the dead letters (npm run webhooks -- failed).',
      [],
      async function () {
        const current = await read();
        if (current) this.set(current.deadLetters);
      },
    );
  }

  observeAttempt(type: string, outcome: AttemptOutcome, seconds: number): void {
    this.deliveries.inc({ type, outcome: outcome.result });
    this.attemptSeconds.observe({ outcome: outcome.result }, seconds);
  }
}
