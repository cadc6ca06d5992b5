import { Logger } from '@nestjs/common';
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { RedisConfig } from '@app/config';
import { createPlainRedisConnection, type EnvelopeCipher, readyWithin, waitForReplicas } from '@app/store';
import type { QueueStats } from '../metrics/webhook-metrics';
import type { AttemptRunner, DeadLetter, EnqueueOptions, QueuedJob, QueueSettings } from './delivery-queue';
import { DeliveryQueue } from './delivery-queue';
import { retryDelayMs } from './retry-delay';
import { type JobData, SealedJobData, UnreadableJobError } from './sealed-job-data';

// BullMQ rather than hand-written Streams + XAUTOCLAIM: it already has delayed retries with our own
// backoff, recovery of the jobs a dead worker held, kept failed jobs with retry(), and it runs on
// standalone, Sentinel and Cluster (one {hash tag} in the prefix puts a queue's keys on one slot).

export interface RedisQueueSettings extends QueueSettings {
  /** Lock lifetime and stalled-check period: how soon a crashed replica's deliveries are taken over. */
  stalledRecoveryMs: number;
}

const QUEUE_NAME = 'deliveries';
/** The states of an event not yet delivered. */
const PENDING_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
/** A restart or a deploy may cut the same delivery a few times; only a poison job stalls this often. */
const MAX_STALLED_COUNT = 10;

/** How long cut attempts get to hand their jobs back. */
/** How long BullMQ's graceful close may take before it is forced: it only waits for its own blocking call. */
const CLOSE_WAIT_MS = 2_000;
const INTERRUPT_WAIT_MS = 1_000;
/** A job handed back by a stopping worker waits this long, so that the worker's own idle slots do not take it again. */
const HAND_BACK_DELAY_MS = 1_000;

/** True when every promise settled within `ms`. */
async function settledWithin(promises: Set<Promise<unknown>>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = Promise.allSettled([...promises]).then(() => true);
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Events in Redis, shared by every replica: any replica's worker delivers, a crashed replica's
 * deliveries are taken over after `stalledRecoveryMs`, and a Redis outage delays deliveries
 * without losing one. Queueing uses a fail-fast connection (as the store does), so a request never
 * waits on Redis longer than a few command timeouts; the worker has its own, patient connections.
 * Bodies are sealed with `cipher` (the cache keys) before they reach Redis; a body that does not
 * open is never run: its job becomes a dead letter at once.
 */
export class RedisDeliveryQueue extends DeliveryQueue {
  private readonly logger;
  private readonly producer: Redis | Cluster;
  private readonly queue: Queue<JobData, void, string>;
  private readonly sealing: SealedJobData;
  /** When each pending event was queued, for the age of the oldest one (BullMQ keeps no such index). */
  private readonly pendingKey: string;
  private readonly shutdown = new AbortController();
  /** The attempts this replica is running. */
  private readonly running = new Set<Promise<void>>();
  private worker: Worker<JobData, void, string> | undefined;
  private workerConnection: Redis | Cluster | undefined;
  private cleaner: NodeJS.Timeout | undefined;
  private stopping = false;
  private outageReported = false;

  constructor(
    private readonly redis: RedisConfig,
    private readonly settings: RedisQueueSettings,
    cipher: EnvelopeCipher,
  ) {
    super();
    this.logger = new Logger(settings.name === undefined ? 'Webhooks' : settings.name[0].toUpperCase() + settings.name.slice(1));
    this.sealing = new SealedJobData(cipher, settings.name ?? 'webhooks');
    const prefix = `${redis.keyPrefix}{${settings.name ?? 'webhooks'}}`;
    this.pendingKey = `${prefix}:pending-since`;
    this.producer = this.watch(createPlainRedisConnection(redis, 'fail-fast'));
    this.queue = new Queue<JobData, void, string>(QUEUE_NAME, {
      connection: this.producer,
      prefix,
      defaultJobOptions: {
        attempts: settings.retryScheduleMs.length + 1,
        backoff: { type: 'custom' },
        removeOnComplete: true,
        removeOnFail: { age: settings.deadLetterTtlSeconds },
      },
    });
    this.queue.on('error', (error) => this.reportOutage(error));
  }

  /** Whether the queueing connection is ready now, or becomes so within `timeoutMs` (BullMQ's own promise stays resolved). */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    const initialised = await bounded(this.queue.waitUntilReady(), timeoutMs, 'connecting the webhook queue').then(
      () => true,
      () => false,
    );
    return initialised && readyWithin(this.producer, Math.max(0, timeoutMs - (Date.now() - started)));
  }

  async enqueue(event: QueuedJob, options: EnqueueOptions = {}): Promise<void> {
    const replicaWait = this.redis.replicaWait;
    const work = async () => {
      // A dead letter of this id makes way; a pending job stays (and the add below is ignored).
      const dead = options.replaceDeadLetter ? await this.queue.getJob(event.id) : undefined;
      if (dead && (await dead.getState()) === 'failed') await dead.remove();
      // Indexed first: an index entry without a job is noticed and dropped; a job without one would be invisible to the age gauge.
      await this.producer.zadd(this.pendingKey, 'NX', event.queuedAt, event.id);
      // An event published again while its job exists is ignored by BullMQ (same id): one delivery.
      await this.queue.add(event.type, this.sealing.seal(event), { jobId: event.id });
      // BullMQ's add runs on this connection (on the queue's slot in a cluster): WAIT here covers the job.
      if (replicaWait) await waitForReplicas(this.producer, this.pendingKey, replicaWait);
    };
    await bounded(work(), this.redis.commandTimeoutMs * 3 + (replicaWait?.timeoutMs ?? 0), 'queueing a webhook event');
  }

  start(run: AttemptRunner): void {
    const connection = this.watch(createPlainRedisConnection(this.redis, 'background'));
    this.workerConnection = connection;
    const schedule = this.settings.retryScheduleMs;
    this.worker = new Worker<JobData, void, string>(QUEUE_NAME, (job, token) => this.track(this.process(job, token, run)), {
      connection,
      prefix: this.queue.opts.prefix,
      concurrency: this.settings.concurrency,
      lockDuration: this.settings.stalledRecoveryMs,
      stalledInterval: this.settings.stalledRecoveryMs,
      maxStalledCount: MAX_STALLED_COUNT,
      removeOnComplete: { count: 0 },
      removeOnFail: { age: this.settings.deadLetterTtlSeconds },
      // A job queued under a longer schedule than today's retries after the last delay we know.
      settings: { backoffStrategy: (attemptsMade) => retryDelayMs(schedule, Math.min(attemptsMade, schedule.length)) ?? 0 },
    });
    this.worker.on('error', (error) => this.reportOutage(error));
    this.worker.on('completed', (job) => void this.unindex(job.id));
    this.worker.on('failed', (job, error) => {
      if (job && (error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1))) void this.unindex(job.id);
    });
    // BullMQ drops expired failed jobs only when another job fails; this keeps the TTL without one.
    const cleanEveryMs = Math.min(this.settings.deadLetterTtlSeconds * 1000, 10 * 60_000);
    this.cleaner = setInterval(() => void this.forgetExpired().catch(() => undefined), cleanEveryMs).unref();
  }

  async stop(graceMs: number): Promise<void> {
    clearInterval(this.cleaner);
    const worker = this.worker;
    if (!worker) return;
    this.stopping = true;
    await worker.pause(true);
    // Past the grace period, running attempts are cut and their jobs handed back untouched.
    if (!(await settledWithin(this.running, graceMs))) {
      this.shutdown.abort();
      await settledWithin(this.running, INTERRUPT_WAIT_MS);
    }
    // BullMQ's graceful close waits for a connection that may never come (Redis down since boot);
    // nothing of ours runs any more, so then it is forced. Between two reconnects it can wait forever
    // even so (taskforcesh/bullmq#4656): past CLOSE_WAIT_MS the worker's connection is cut, which ends it.
    const closing = worker.close(this.workerConnection?.status !== 'ready');
    if (!(await settledWithin(new Set([closing]), CLOSE_WAIT_MS))) {
      this.workerConnection?.disconnect();
      await settledWithin(new Set([closing]), INTERRUPT_WAIT_MS);
    }
  }

  async close(): Promise<void> {
    await this.stop(0);
    await this.queue.close();
    this.producer.disconnect();
    this.workerConnection?.disconnect();
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    await this.forgetExpired();
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id ?? '',
      type: job.name,
      queuedAt: job.data.queuedAt,
      failedAt: job.finishedOn ?? job.timestamp,
      attempts: job.attemptsMade,
      reason: job.failedReason,
    }));
  }

  async redeliver(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') return false;
    // Past its TTL a dead letter is gone, whether or not BullMQ has cleaned it yet (as clean() counts age).
    if ((job.finishedOn ?? job.timestamp) <= Date.now() - this.settings.deadLetterTtlSeconds * 1000) return false;
    await this.producer.zadd(this.pendingKey, Date.now(), id);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  async redeliverAll(): Promise<number> {
    await this.forgetExpired();
    // The ids first (ids only: cheap even for many): one that fails again meanwhile is not taken twice.
    const ids = await this.queue.getRanges(['failed'], 0, -1, true);
    let count = 0;
    for (const id of ids) if (await this.redeliver(id)) count += 1;
    return count;
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
    return {
      waiting: counts.waiting + counts.prioritized,
      delayed: counts.delayed,
      active: counts.active,
      deadLetters: counts.failed,
      oldestPendingSince: await this.oldestPendingSince(),
    };
  }

  private async process(job: Job<JobData, void, string>, token: string | undefined, run: AttemptRunner): Promise<void> {
    // A slot that was already fetching when the stop began may still get a job.
    if (this.stopping) return this.handBack(job, token);
    const event: QueuedJob = { id: job.id ?? '', type: job.name, body: this.open(job), queuedAt: job.data.queuedAt };
    // A job queued in clear by an older version is sealed now, for its retries and as a dead letter.
    if (this.sealing.isClear(job.data)) await job.updateData(this.sealing.seal(event)).catch(() => undefined);
    const number = job.attemptsMade + 1;
    const { verdict, reason } = await run(event, { number, last: number >= (job.opts.attempts ?? 1) }, this.shutdown.signal);
    if (verdict === 'done') return;
    if (verdict === 'interrupted') return this.handBack(job, token);
    // Failed jobs are the dead letters: at once when the runner says so, else once BullMQ has spent our schedule.
    if (verdict === 'dead-letter') throw new UnrecoverableError(reason);
    throw new Error(reason);
  }

  /** The job's body; a dead letter at once, never run, when it does not open. */
  private open(job: Job<JobData, void, string>): string {
    try {
      return this.sealing.open(job.id ?? '', job.name, job.data);
    } catch (error) {
      if (!(error instanceof UnreadableJobError)) throw error;
      this.logger.error({ msg: `${error.message}: moved to dead letters, not run`, jobId: job.id, type: job.name });
      throw new UnrecoverableError(error.message);
    }
  }

  /** Back in the queue, not counted as a try, for another replica (or this one after a restart). */
  private async handBack(job: Job<JobData, void, string>, token: string | undefined): Promise<never> {
    await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
    throw new DelayedError();
  }

  private async track(attempt: Promise<void>): Promise<void> {
    this.running.add(attempt);
    try {
      await attempt;
    } finally {
      this.running.delete(attempt);
    }
  }

  /** The oldest index entry whose job is still pending; entries of finished or vanished jobs are dropped on the way. */
  private async oldestPendingSince(): Promise<number | undefined> {
    for (let checked = 0; checked < 20; checked++) {
      const [id, score] = await this.producer.zrange(this.pendingKey, 0, '0', 'WITHSCORES');
      if (id === undefined) return undefined;
      if (PENDING_STATES.has(await this.queue.getJobState(id))) return Number(score);
      await this.producer.zrem(this.pendingKey, id);
    }
    return undefined;
  }

  private async unindex(id: string | undefined): Promise<void> {
    if (id) await this.workerConnection?.zrem(this.pendingKey, id).catch(() => undefined);
  }

  private async forgetExpired(): Promise<void> {
    await this.queue.clean(this.settings.deadLetterTtlSeconds * 1000, 1000, 'failed');
  }

  /** One warning per outage, one line on recovery (ioredis reports every reconnect attempt). */
  private watch<C extends Redis | Cluster>(connection: C): C {
    connection.on('error', (error: Error) => this.reportOutage(error));
    connection.on('ready', () => {
      if (this.outageReported) this.logger.log('webhook queue reconnected to Redis');
      this.outageReported = false;
    });
    return connection;
  }

  private reportOutage(error: Error): void {
    if (this.outageReported) return;
    this.outageReported = true;
    this.logger.warn({ msg: 'webhook queue cannot reach Redis; deliveries wait until it is back', error: error.message });
  }
}
