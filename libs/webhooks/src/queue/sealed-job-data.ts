import type { EnvelopeCipher } from '@app/store';
import type { QueuedJob } from './queued-job';

/** What a job holds in Redis besides its id and type (BullMQ's job name). */
export interface JobData {
  /** The body as an envelope of the cache key (CACHE_ENCRYPTION_KEY): it names users, uploads and file URLs. */
  sealed?: string;
  /** The body in clear: only in jobs queued by a version that did not seal them. */
  body?: string;
  queuedAt: number;
}

/** A job whose body cannot be read: its envelope was tampered with, moved from another job, or its key retired. */
export class UnreadableJobError extends Error {
  override name = 'UnreadableJobError';
}

/**
 * Seals job bodies at rest, as `SealedRecords` seals records: AES-256-GCM with the cache keys, so a
 * key rotation (CACHE_ENCRYPTION_PREVIOUS_KEYS) leaves queued jobs and dead letters readable. The
 * envelope is bound to the queue, the job's type and its id: a body copied into another job does not open.
 */
export class SealedJobData {
  constructor(
    private readonly cipher: EnvelopeCipher,
    private readonly queueName: string,
  ) {}

  seal(job: QueuedJob): JobData {
    return { sealed: this.cipher.seal(job.body, this.context(job.id, job.type)), queuedAt: job.queuedAt };
  }

  /** The body of job `id` of type `type`; throws `UnreadableJobError` when it does not open. */
  open(id: string, type: string, data: JobData): string {
    if (typeof data.sealed === 'string') {
      try {
        return this.cipher.open(data.sealed, this.context(id, type));
      } catch {
        throw new UnreadableJobError('job body does not open: tampered with, moved from another job, or sealed with a retired key');
      }
    }
    // Jobs queued in clear before bodies were sealed (in Redis at the upgrade: pending, retried, or
    // dead letters) are still delivered: a job without the `sealed` envelope is read as it was. The
    // price: whoever can write to Redis can still queue a clear body, as before sealing. This branch can
    // go once no such job can remain: the longest retry schedule plus the dead-letter TTL after the upgrade.
    if (typeof data.body === 'string') return data.body;
    throw new UnreadableJobError('job has no body');
  }

  /** True when the job was queued in clear (by an older version). */
  isClear(data: JobData): boolean {
    return typeof data.sealed !== 'string';
  }

  /** JSON: unambiguous whatever characters a type or id holds. */
  private context(id: string, type: string): string {
    return JSON.stringify([this.queueName, type, id]);
  }
}
