import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import type { Store } from '@app/store';
import type { ProviderEvents } from '@app/uploads';
import { CONFIRM_EVENTS, PULL_EVENTS, type PulledEvent, type TencentClient } from '../client';
import { readTencentEvent } from './tencent-events';

/** Waits after a failed pull (Tencent down, throttled, our store down) before trying again. */
const RETRY_DELAY_MS = 2_000;

/** One sub-application's events: the region profiles that upload to it, and how its loop is leased. */
export interface PulledSubApp {
  subAppId: number;
  /** The profiles sharing this account and sub-application; the first one's client pulls. */
  regions: string[];
  /** Bounds one PullEvents call (Tencent holds it up to 5 s when it has nothing). */
  waitMs: number;
  /** The store key whose holder pulls, one per sub-application. */
  leaseKey: string;
}

export interface PullLoopDeps {
  tencent: TencentClient;
  store: Store;
  events: ProviderEvents;
  logger: Logger;
  holder: string;
  stop: AbortSignal;
}

/**
 * PullEvents (a long poll, at most 16 events) and ConfirmEvents within 30 s for one sub-application, by
 * the replica holding its lease, which it renews before each pull; a replica that dies lets its lease
 * lapse and another takes over. An event whose upload cannot be updated (the store is down) is not
 * confirmed, so it comes back; an event about an upload of a region outside this sub-application's is refused.
 */
export class EventPullLoop {
  private holding = false;

  constructor(
    private readonly subApp: PulledSubApp,
    private readonly deps: PullLoopDeps,
  ) {}

  async run(): Promise<void> {
    const { waitMs } = this.subApp;
    // The lease outlives a pull and its confirmation; a dead holder's lapses within three of them.
    const leaseMs = 3 * waitMs;
    while (!this.deps.stop.aborted) {
      try {
        this.holding = await this.takeLease(leaseMs);
        if (this.holding) await this.pullOnce();
        else await this.pause(waitMs);
      } catch (error) {
        this.deps.logger.warn({
          event: 'tencent event pull failed',
          subAppId: this.subApp.subAppId,
          code: (error as { code?: unknown })?.code,
          error: (error as Error)?.name,
        });
        await this.pause(RETRY_DELAY_MS);
      }
    }
  }

  /** Lets go of the lease at shutdown, so another replica takes over at once. */
  async release(): Promise<void> {
    if (this.holding) await this.deps.store.deleteIfEquals(this.subApp.leaseKey, this.deps.holder).catch(() => undefined);
  }

  private async takeLease(leaseMs: number): Promise<boolean> {
    const { store, holder } = this.deps;
    const key = this.subApp.leaseKey;
    if (this.holding && (await store.replaceIfEquals(key, holder, holder, leaseMs))) return true;
    return store.setIfAbsent(key, holder, leaseMs);
  }

  private async pullOnce(): Promise<void> {
    const { subAppId, waitMs, regions } = this.subApp;
    const region = regions[0];
    const { events } = await this.deps.tencent.call(PULL_EVENTS, { SubAppId: subAppId }, { timeoutMs: waitMs, region });
    const handled = await this.applyAll(events);
    if (handled.length > 0) await this.deps.tencent.call(CONFIRM_EVENTS, { EventHandles: handled, SubAppId: subAppId }, { region });
  }

  /** The handles of the events that were dealt with; one whose record could not be written stays unconfirmed. */
  private async applyAll(events: PulledEvent[]): Promise<string[]> {
    const handled: string[] = [];
    for (const event of events) {
      try {
        await this.deps.events.apply(readTencentEvent(event.content), { regions: this.subApp.regions });
        handled.push(event.handle);
      } catch (error) {
        // A malformed event will not get better: confirm it. A store outage will: leave it to come back.
        if ((error as { getStatus?: () => number }).getStatus?.() === 400) handled.push(event.handle);
        else this.deps.logger.warn({ event: 'tencent event left for redelivery', error: (error as Error)?.name });
      }
    }
    return handled;
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.deps.stop }).catch(() => undefined);
  }
}
