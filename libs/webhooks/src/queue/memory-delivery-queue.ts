import type { QueueStats } from '../metrics/webhook-metrics';
import type { WebhookEvent } from '../webhook-event';
import { type AttemptRunner, type DeadLetter, DeliveryQueue } from './delivery-queue';
import { retryDelayMs } from './retry-delay';

export interface QueueSettings {
  retryScheduleMs: number[];
  deadLetterTtlSeconds: number;
  concurrency: number;
}

interface Pending {
  event: WebhookEvent;
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
  private dead: (DeadLetter & { event: WebhookEvent })[] = [];
  private readonly shutdown = new AbortController();
  private runner: AttemptRunner | undefined;
  private stopped = false;

  constructor(
    private readonly settings: QueueSettings,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async waitUntilReady(): Promise<boolean> {
    return true;
  }

  async enqueue(event: WebhookEvent): Promise<void> {
    // The same event published again while it is pending: one delivery (as BullMQ does with a job id).
    if (this.pending.has(event.id)) return;
    this.pending.set(event.id, { event, attempts: 0, state: 'waiting' });
    this.ready.push(event.id);
    this.pump();
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
    await this.enqueue(letter.event);
    return true;
  }

  async redeliverAll(): Promise<number> {
    this.forgetExpired();
    const letters = this.dead;
    this.dead = [];
    for (const letter of letters) await this.enqueue(letter.event);
    return letters.length;
  }

  async stats(): Promise<QueueStats> {
    this.forgetExpired();
    const entries = [...this.pending.values()];
    const count = (state: Pending['state']) => entries.filter((entry) => entry.state === state).length;
    const oldest = entries.reduce<number | undefined>((min, entry) => Math.min(min ?? Infinity, entry.event.queuedAt), undefined);
    return {
      waiting: count('waiting'),
      delayed: count('delayed'),
      active: count('active'),
      deadLetters: this.dead.length,
      oldestPendingSince: oldest,
    };
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
    const { verdict, reason } = await run(entry.event, { number: entry.attempts, last }, this.shutdown.signal).catch((error: unknown) => ({
      verdict: last ? ('dead-letter' as const) : ('retry' as const),
      reason: String(error),
    }));
    if (verdict === 'done' || verdict === 'dead-letter') this.pending.delete(entry.event.id);
    if (verdict === 'dead-letter') {
      const { event } = entry;
      this.dead.push({
        id: event.id,
        type: event.type,
        queuedAt: event.queuedAt,
        failedAt: this.now(),
        attempts: entry.attempts,
        reason,
        event,
      });
    }
    if (verdict !== 'retry' || this.stopped) return;
    entry.state = 'delayed';
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
    this.dead = this.dead.filter((letter) => letter.failedAt >= cutoff);
  }
}
