import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { Store } from '@app/store';
import { ProviderEvents } from '@app/uploads';
import { CONFIRM_EVENTS, PULL_EVENTS, type PulledEvent, TencentClient } from '../client';
import { TENCENT_CONFIG } from '../config/tencent.section';
import { readTencentEvent } from './tencent-events';

/** One replica pulls at a time: whoever holds this key. */
const LEASE_KEY = 'tencent-vod:event-puller';
/** Waits after a failed pull (Tencent down, throttled, our store down) before trying again. */
const RETRY_DELAY_MS = 2_000;

/**
 * Tencent's reliable event mode (TENCENTCLOUD_VOD_EVENT_MODE=pull): PullEvents (a long poll, at most
 * 16 events) and ConfirmEvents within 30 s, else Tencent hands the event out again. Exactly one
 * replica pulls, the holder of a lease in the store that it renews before each pull; a replica that
 * dies lets its lease lapse and another takes over. An event whose upload cannot be updated (the
 * store is down) is not confirmed, so it comes back.
 */
@Injectable()
export class TencentEventPuller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TencentEventPuller.name);
  private readonly holder = randomUUID();
  private readonly stop = new AbortController();
  private loop?: Promise<void>;
  private holding = false;

  constructor(
    private readonly config: ConfigService,
    private readonly tencent: TencentClient,
    private readonly store: Store,
    private readonly events: ProviderEvents,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.settings();
    if (settings) this.loop = this.run(settings.waitMs, settings.subAppId);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.loop;
    if (this.holding) await this.store.deleteIfEquals(LEASE_KEY, this.holder).catch(() => undefined);
  }

  private settings(): { waitMs: number; subAppId: number } | undefined {
    const tencent = this.config.section(TENCENT_CONFIG);
    if (!tencent.enabled || tencent.vod.events.mode !== 'pull') return undefined;
    return { waitMs: tencent.vod.events.waitMs, subAppId: tencent.vod.subAppId };
  }

  private async run(waitMs: number, subAppId: number): Promise<void> {
    // The lease outlives a pull and its confirmation; a dead holder's lapses within three of them.
    const leaseMs = 3 * waitMs;
    while (!this.stop.signal.aborted) {
      try {
        this.holding = await this.takeLease(leaseMs);
        if (this.holding) await this.pullOnce(waitMs, subAppId);
        else await this.pause(waitMs);
      } catch (error) {
        this.logger.warn({ event: 'tencent event pull failed', code: (error as { code?: unknown })?.code, error: (error as Error)?.name });
        await this.pause(RETRY_DELAY_MS);
      }
    }
  }

  private async takeLease(leaseMs: number): Promise<boolean> {
    if (this.holding && (await this.store.replaceIfEquals(LEASE_KEY, this.holder, this.holder, leaseMs))) return true;
    return this.store.setIfAbsent(LEASE_KEY, this.holder, leaseMs);
  }

  private async pullOnce(waitMs: number, subAppId: number): Promise<void> {
    const { events } = await this.tencent.call(PULL_EVENTS, { SubAppId: subAppId }, { timeoutMs: waitMs });
    const handled = await this.applyAll(events);
    if (handled.length > 0) await this.tencent.call(CONFIRM_EVENTS, { EventHandles: handled, SubAppId: subAppId });
  }

  /** The handles of the events that were dealt with; one whose record could not be written stays unconfirmed. */
  private async applyAll(events: PulledEvent[]): Promise<string[]> {
    const handled: string[] = [];
    for (const event of events) {
      try {
        await this.events.apply(readTencentEvent(event.content));
        handled.push(event.handle);
      } catch (error) {
        // A malformed event will not get better: confirm it. A store outage will: leave it to come back.
        if ((error as { getStatus?: () => number }).getStatus?.() === 400) handled.push(event.handle);
        else this.logger.warn({ event: 'tencent event left for redelivery', error: (error as Error)?.name });
      }
    }
    return handled;
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stop.signal }).catch(() => undefined);
  }
}
