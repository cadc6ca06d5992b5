import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import type { QueuedJob } from '../queue/queued-job';
import type { WebhookMetrics } from '../metrics/webhook-metrics';
import type { AttemptOutcome, WebhookSender } from './webhook-sender';
import type { WebhookSigner } from './webhook-signer';

/** Where an attempt leaves its event, and why (for the dead letters). */
export interface AttemptResult {
  /** `interrupted`: cut by a shutdown, not counted as a try. */
  verdict: 'done' | 'retry' | 'dead-letter' | 'interrupted';
  reason: string;
}

export interface Attempt {
  /** 1 for the first attempt. */
  number: number;
  /** No retry follows a failure of this attempt. */
  last: boolean;
}

/**
 * One attempt at one event, whichever queue runs it: signed now (`webhook-timestamp` is the
 * attempt's), sent, counted, and logged in one line (ids and outcome; never the body).
 */
export class WebhookDelivery {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly signer: WebhookSigner,
    private readonly sender: WebhookSender,
    private readonly metrics: WebhookMetrics,
  ) {}

  async attempt(event: QueuedJob, attempt: Attempt, shutdown?: AbortSignal): Promise<AttemptResult> {
    const started = performance.now();
    const outcome = await this.sender.send(this.signer.headers(event.id, event.body, new Date()), event.body, shutdown);
    const seconds = (performance.now() - started) / 1000;
    this.metrics.observeAttempt(event.type, outcome, seconds);
    const verdict = verdictOf(outcome, attempt);
    if (verdict === 'dead-letter') this.metrics.deadLettered.inc({ type: event.type });
    const line = {
      webhookId: event.id,
      type: event.type,
      attempt: attempt.number,
      ...describe(outcome),
      latencyMs: Math.round(seconds * 1000),
    };
    if (outcome.result === 'delivered') this.logger.log({ ...line, msg: 'webhook delivered' });
    else if (verdict === 'done') this.logger.warn({ ...line, msg: 'webhook refused with 410 Gone: not retried' });
    else if (verdict === 'interrupted') this.logger.log({ ...line, msg: 'webhook attempt cut by shutdown; queued again' });
    else this.logger.warn({ ...line, msg: verdict === 'retry' ? 'webhook attempt failed; will retry' : 'webhook moved to dead letters' });
    return { verdict, reason: reasonOf(outcome) };
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}

function verdictOf(outcome: AttemptOutcome, attempt: Attempt): AttemptResult['verdict'] {
  if (outcome.result === 'delivered' || outcome.result === 'gone') return 'done';
  if (outcome.result === 'interrupted') return 'interrupted';
  return attempt.last ? 'dead-letter' : 'retry';
}

function describe(outcome: AttemptOutcome): Record<string, unknown> {
  const { result, ...details } = outcome;
  return { outcome: result, ...details };
}

/** For people: what the receiver (or the network) did. */
export function reasonOf(outcome: AttemptOutcome): string {
  switch (outcome.result) {
    case 'delivered':
    case 'gone':
    case 'rejected':
      return `HTTP ${outcome.status}`;
    case 'timeout':
      return 'no answer within WEBHOOK_TIMEOUT_MS';
    case 'network-error':
      return `network error ${outcome.code}`;
    case 'blocked-address':
      return `refused: the URL resolves to a ${outcome.range} address`;
    case 'interrupted':
      return 'cut by a shutdown';
  }
}
