import { createHash } from 'node:crypto';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsService } from '@app/common';
import { type AppConfig, ConfigService } from '@app/config';
import { storeUnavailable } from '@app/store';
import { createJobQueue, type DeliveryQueue } from '@app/webhooks';
import type { ProviderIds } from '../records/upload-record';

/** A verification (lookup, or removal at the provider) to try again. */
export interface VerificationJob {
  uploadId: string;
  action: 'verify' | 'remove';
  /** The provider's ids the event named, where the record had none yet. */
  ids: ProviderIds;
}

/**
 * One job per action, upload and file: a repeat of the same event is queued once, and a second file's
 * job (an extra one, see UploadCompletions) is not taken for the upload's own. The ids are hashed: they
 * come from events, and BullMQ refuses ':' in a job id.
 */
export function jobId(job: VerificationJob): string {
  const ids = Object.entries(job.ids)
    .filter(([, id]) => id !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  const digest = createHash('sha256').update(JSON.stringify(ids)).digest('base64url').slice(0, 16);
  return `${job.action}-${job.uploadId}-${digest}`;
}

/** Thrown by a job's runner when trying again cannot help: the job ends as a dead letter at once. */
export class UnrecoverableVerification extends Error {
  override readonly name = 'UnrecoverableVerification';
}

/** Time kept from the shutdown grace period for closing connections. */
const CLOSE_MARGIN_MS = 1_000;

/**
 * The verification retries' queue (the running service's, or the operator's CLI, `npm run verifications`):
 * undefined when verification is off. On Redis the bodies (the provider's ids) are sealed with the cache
 * keys, as webhook bodies are.
 */
export function createVerificationQueue(config: AppConfig): DeliveryQueue | undefined {
  if (config.uploads.verification === 'off') return undefined;
  return createJobQueue(config.store, config.protection.encryptionKeys, {
    name: 'verifications',
    retryScheduleMs: config.uploads.verificationRetryScheduleMs,
    deadLetterTtlSeconds: config.uploads.recordTtlSeconds,
    concurrency: 4,
    stalledRecoveryMs: config.webhooks.stalledRecoveryMs,
  });
}

/**
 * The durable retries of verifications: the webhook queue's machinery (BullMQ on Redis, shared by
 * every replica, a dead replica's jobs taken over; in-process without Redis) under its own name,
 * on UPLOAD_VERIFICATION_RETRY_SCHEDULE. A job whose tries all failed, or whose failure no retry can
 * mend, stays as a dead letter (UPLOAD_RECORD_TTL_SECONDS).
 */
@Injectable()
export class VerificationJobs implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly queue: DeliveryQueue | undefined;
  private run: ((job: VerificationJob, last: boolean) => Promise<void>) | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly config: ConfigService,
    metrics: MetricsService,
  ) {
    const queue = createVerificationQueue(config.values);
    if (!queue) return;
    this.queue = queue;
    metrics.gauge(
      'upload_bff_verification_pending',
      'Verifications waiting for a retry (the provider could not answer), the age of the oldest in seconds, and the dead letters.',
      ['measure'],
      async function () {
        const stats = await queue.stats().catch(() => undefined);
        if (!stats) return;
        this.set({ measure: 'count' }, stats.waiting + stats.delayed + stats.active);
        this.set(
          { measure: 'oldest_age_seconds' },
          stats.oldestPendingSince === undefined ? 0 : (Date.now() - stats.oldestPendingSince) / 1000,
        );
        this.set({ measure: 'dead_letters' }, stats.deadLetters);
      },
    );
  }

  /**
   * Who runs the jobs (the verification service), told whether this is the last try: a rejection means
   * "try again on the schedule", an UnrecoverableVerification "stop now" (a dead letter at once).
   */
  handle(run: (job: VerificationJob, last: boolean) => Promise<void>): void {
    this.run = run;
  }

  /** Queues a retry (in place of a dead letter of the same job); rejects (503 for the caller) when it could not be queued durably. */
  async enqueue(job: VerificationJob): Promise<void> {
    if (!this.queue) return;
    const queued = { id: jobId(job), type: job.action, body: JSON.stringify(job), queuedAt: Date.now() };
    // A dead letter of the same job must not block it for good: a new completion or revoke runs it again.
    await this.queue.enqueue(queued, { replaceDeadLetter: true }).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
  }

  onApplicationBootstrap(): void {
    const run = this.run;
    if (!this.queue || !run) return;
    this.queue.start(async (job, attempt) => {
      try {
        await run(JSON.parse(job.body) as VerificationJob, attempt.last);
        return { verdict: 'done', reason: 'verified' };
      } catch (error) {
        const unrecoverable = error instanceof UnrecoverableVerification;
        return { verdict: unrecoverable || attempt.last ? 'dead-letter' : 'retry', reason: (error as Error)?.message ?? 'failed' };
      }
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = this.queue?.stop(Math.max(0, this.config.http.shutdownGraceMs - CLOSE_MARGIN_MS));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopping;
    await this.queue?.close();
  }
}
