import type { QueueStats } from '../metrics/webhook-metrics';
import {
  type AttemptRunner,
  type DeadLetter,
  DeliveryQueue,
  type EnqueueOptions,
  type QueuedJob,
  type QueueSettings,
} from './delivery-queue';
import { retryDelayMs } from './retry-delay';

interface Pending {
  event: QueuedJob;
  /** Epoch ms: when it was queued, or redelivered (the age the gauge reports). */
  since: number;
  attempts: number;
  state: 'waiting' | 'delayed' | 'active';
}

/**
 * The in-process queue, for a service without Redis (the sandbox): the same schedule and dead
 * letters, but nothing survives a restart and only this process delivers.
 */
export class MemoryDeliveryQueue extends DeliveryQueue {
  private readonly pending = new Map<string, Pending>();
  private readonly ready: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private dead: (DeadLetter & { event: QueuedJob })[] = [];
  private readonly shutdown = new AbortController();
  private runner: AttemptRunner | undefined;
  private stopped = false;
  private closed = false;

  constructor(
    private readonly settings: QueueSettings,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async waitUntilReady(): Promise<boolean> {
    return true;
  }

  async enqueue(event: QueuedJob, options: EnqueueOptions = {}): Promise<void> {
    // Nothing would ever deliver it (the Redis queue's connection is closed too).
    if (this.closed) throw new Error('the webhook queue is closed');
    // The same event published again while it is pending or a dead letter is ignored, as BullMQ
    // ignores a job id that still exists: one delivery, and a dead letter goes back by redelivery.
    this.forgetExpired();
    if (options.replaceDeadLetter && !this.pending.has(event.id)) this.dead = this.dead.filter((letter) => letter.id !== event.id);
    if (this.pending.has(event.id) || this.dead.some((letter) => letter.id === event.id)) return;
    this.add(event, event.queuedAt);
  }

  start(run: AttemptRunner): void {
    this.runner = run;
    this.pump();
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled(this.running), grace]);
    clearTimeout(timer);
    this.shutdown.abort();
    await Promise.allSettled(this.running);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.stopped) await this.stop(0);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    this.forgetExpired();
    return this.dead
      .slice(-limit)
      .reverse()
      .map(({ event: _event, ...letter }) => letter);
  }

  async redeliver(id: string): Promise<boolean> {
    this.forgetExpired();
    const letter = this.dead.find((entry) => entry.id === id);
    if (!letter) return false;
    this.dead = this.dead.filter((entry) => entry !== letter);
    this.add(letter.event, this.now());
    return true;
  }

  async redeliverAll(): Promise<number> {
    this.forgetExpired();
    const letters = this.dead;
    this.dead = [];
    for (const letter of letters) this.add(letter.event, this.now());
    return letters.length;
  }

  async stats(): Promise<QueueStats> {
    this.forgetExpired();
    const entries = [...this.pending.values()];
    const count = (state: Pending['state']) => entries.filter((entry) => entry.state === state).length;
    const oldest = entries.reduce<number | undefined>((min, entry) => Math.min(min ?? Infinity, entry.since), undefined);
    return {
      waiting: count('waiting'),
      delayed: count('delayed'),
      active: count('active'),
      deadLetters: this.dead.length,
      oldestPendingSince: oldest,
    };
  }

  private add(event: QueuedJob, since: number): void {
    this.pending.set(event.id, { event, since, attempts: 0, state: 'waiting' });
    this.ready.push(event.id);
    this.pump();
  }

  private pump(): void {
    while (this.runner && !this.stopped && this.running.size < this.settings.concurrency && this.ready.length > 0) {
      const entry = this.pending.get(this.ready.shift()!);
      if (!entry) continue;
      const running: Promise<void> = this.attempt(entry, this.runner).finally(() => {
        this.running.delete(running);
        this.pump();
      });
      this.running.add(running);
    }
  }

  private async attempt(entry: Pending, run: AttemptRunner): Promise<void> {
    entry.state = 'active';
    entry.attempts += 1;
    const last = entry.attempts > this.settings.retryScheduleMs.length;
    const result = await run(entry.event, { number: entry.attempts, last }, this.shutdown.signal).catch((error: unknown) => ({
      verdict: 'retry' as const,
      reason: error instanceof Error ? error.message : String(error),
    }));
    // As with BullMQ: no retry follows the last attempt, whatever the runner says.
    const verdict = result.verdict === 'retry' && last ? 'dead-letter' : result.verdict;
    if (verdict === 'done' || verdict === 'dead-letter') this.pending.delete(entry.event.id);
    if (verdict === 'dead-letter') this.bury(entry, result.reason);
    if (verdict === 'retry') this.retryLater(entry);
    if (verdict === 'interrupted') {
      // Cut by a shutdown: not a try, and still queued (until the process ends: nothing here is durable).
      entry.attempts -= 1;
      entry.state = 'waiting';
      this.ready.push(entry.event.id);
    }
  }

  private bury({ event, attempts }: Pending, reason: string): void {
    this.dead.push({ id: event.id, type: event.type, queuedAt: event.queuedAt, failedAt: this.now(), attempts, reason, event });
  }

  private retryLater(entry: Pending): void {
    entry.state = 'delayed';
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        entry.state = 'waiting';
        this.ready.push(entry.event.id);
        this.pump();
      },
      retryDelayMs(this.settings.retryScheduleMs, entry.attempts),
    );
    timer.unref();
    this.timers.add(timer);
  }

  private forgetExpired(): void {
    const cutoff = this.now() - this.settings.deadLetterTtlSeconds * 1000;
    // Gone at exactly the TTL, as BullMQ's clean() counts it.
    this.dead = this.dead.filter((letter) => letter.failedAt > cutoff);
  }
}
