import type { Attempt, AttemptResult } from '../delivery/webhook-delivery';
import type { QueueStats } from '../metrics/webhook-metrics';
import type { QueuedJob } from './queued-job';

export type { QueuedJob };

/** An event whose last retry failed, kept WEBHOOK_DEAD_LETTER_TTL_SECONDS for inspection and redelivery. */
export interface DeadLetter {
  id: string;
  type: string;
  /** Epoch ms. */
  queuedAt: number;
  failedAt: number;
  attempts: number;
  reason: string;
}

/** How a queue retries and keeps dead letters, whichever implementation it is. */
export interface QueueSettings {
  /** The wait before each retry (jittered); one attempt more than it has entries. */
  retryScheduleMs: number[];
  deadLetterTtlSeconds: number;
  /** Attempts this process runs at once. */
  concurrency: number;
  /** The queue's name: its keys' {hash tag} and its log lines' context. Default `webhooks`. */
  name?: string;
}

export interface EnqueueOptions {
  replaceDeadLetter?: boolean;
}

/**
 * Runs one attempt at an event and says where that leaves it: `retry` waits for the schedule (a
 * dead letter after the last attempt), `dead-letter` ends it at once; a rejection counts as `retry`.
 */
export type AttemptRunner = (event: QueuedJob, attempt: Attempt, shutdown: AbortSignal) => Promise<AttemptResult>;

/**
 * Where events wait for delivery: Redis (durable, shared by every replica) or the process (the
 * sandbox without Redis). Either retries on the schedule and keeps dead letters; both pass
 * delivery-queue.contract.spec.ts.
 */
export abstract class DeliveryQueue {
  /** Resolves true once the queue can take events, or false after `timeoutMs`. Never rejects. */
  abstract waitUntilReady(timeoutMs: number): Promise<boolean>;

  /**
   * Queues an event durably; rejects only when it could not be queued (or the queue is closed). An
   * event whose id is pending or a dead letter is ignored: one delivery per id. With
   * `replaceDeadLetter`, a dead letter of that id is dropped and the event queued afresh (a pending one
   * still wins): for jobs that a new cause may run again, such as an upload's verification.
   */
  abstract enqueue(event: QueuedJob, options?: EnqueueOptions): Promise<void>;

  /** Starts delivering with `run`. */
  abstract start(run: AttemptRunner): void;

  /** Takes no new attempt; waits up to `graceMs` for running ones (a cut attempt stays queued and is retried). */
  abstract stop(graceMs: number): Promise<void>;

  /** Releases connections and timers. */
  abstract close(): Promise<void>;

  /** Newest first. */
  abstract deadLetters(limit: number): Promise<DeadLetter[]>;

  /** Puts a dead letter back with a fresh retry schedule; false when there is no such dead letter. */
  abstract redeliver(id: string): Promise<boolean>;

  /** Every dead letter back in the queue, each once; returns how many. */
  abstract redeliverAll(): Promise<number>;

  /** A redelivered event counts as pending since its redelivery. */
  abstract stats(): Promise<QueueStats>;
}
