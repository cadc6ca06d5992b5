import { randomBytes } from 'node:crypto';

type Json = Record<string, unknown>;

interface QueuedEvent {
  content: Json;
  /** Set while handed out: Tencent hands an unconfirmed event out again after 30 s. */
  handle?: string;
  leasedUntil?: number;
}

/** "确认有效时间 30 秒。失效后，事件可重新被获取" (EventContent.EventHandle, vod_models). */
const CONFIRM_WITHIN_MS = 30_000;
/** PullEvents answers at most 16 events (ConfirmEvents: "数组长度限制：16"). */
const MAX_EVENTS = 16;

/** Tencent's reliable event queue (PULL mode): PullEvents long-polls it, ConfirmEvents removes from it. */
export class TencentEventQueue {
  private readonly events: QueuedEvent[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly clock: () => number = Date.now) {}

  get pending(): number {
    return this.events.length;
  }

  push(content: Json): void {
    this.events.push({ content });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Up to 16 events no one holds, each under a new handle; waits up to `waitMs` for one when there are none. */
  async pull(waitMs: number): Promise<(Json & { EventHandle: string })[]> {
    let taken = this.take();
    if (taken.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      taken = this.take();
    }
    return taken;
  }

  /** Removes the events whose handles are still valid; unknown or lapsed handles are ignored. */
  confirm(handles: readonly string[]): void {
    const now = this.clock();
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i];
      if (event.handle && handles.includes(event.handle) && (event.leasedUntil ?? 0) >= now) this.events.splice(i, 1);
    }
  }

  private take(): (Json & { EventHandle: string })[] {
    const now = this.clock();
    const free = this.events.filter((event) => event.leasedUntil === undefined || event.leasedUntil < now).slice(0, MAX_EVENTS);
    return free.map((event) => {
      event.handle = randomBytes(12).toString('hex');
      event.leasedUntil = now + CONFIRM_WITHIN_MS;
      return { EventHandle: event.handle, ...event.content };
    });
  }
}
