import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { Store } from '@app/store';
import { ProviderEvents } from '@app/uploads';
import { TencentClient } from '../client';
import { TENCENT_CONFIG } from '../config/tencent.section';
import { EventPullLoop, type PulledSubApp } from './event-pull-loop';

/** One replica pulls a sub-application's events at a time: whoever holds this key (the default profile's sub-app's). */
const LEASE_KEY = 'tencent-vod:event-puller';

/**
 * Tencent's reliable event mode (TENCENTCLOUD_VOD_EVENT_MODE=pull): one leased PullEvents loop per
 * distinct sub-application (the same account, endpoint and SubAppId in several region profiles is one).
 */
@Injectable()
export class TencentEventPuller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TencentEventPuller.name);
  private readonly holder = randomUUID();
  private readonly stop = new AbortController();
  private readonly loops: EventPullLoop[] = [];
  private running: Promise<void>[] = [];

  constructor(
    private readonly config: ConfigService,
    private readonly tencent: TencentClient,
    private readonly store: Store,
    private readonly events: ProviderEvents,
  ) {}

  onApplicationBootstrap(): void {
    const deps = { tencent: this.tencent, store: this.store, events: this.events, logger: this.logger, holder: this.holder };
    for (const subApp of this.subApps()) this.loops.push(new EventPullLoop(subApp, { ...deps, stop: this.stop.signal }));
    this.running = this.loops.map((loop) => loop.run());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.running);
    await Promise.all(this.loops.map((loop) => loop.release()));
  }

  /** The sub-applications whose events are pulled, each with the profiles uploading to it. */
  private subApps(): PulledSubApp[] {
    const { names, default: fallback } = this.config.regions;
    const byIdentity = new Map<string, PulledSubApp>();
    for (const region of names) {
      const tencent = this.config.section(TENCENT_CONFIG, region);
      if (!tencent.enabled || tencent.vod.events.mode !== 'pull') continue;
      const { subAppId, endpoint, events } = tencent.vod;
      const identity = JSON.stringify([tencent.credentials.secretId, endpoint, subAppId]);
      const known = byIdentity.get(identity);
      if (known) known.regions.push(region);
      else byIdentity.set(identity, { subAppId, regions: [region], waitMs: events.waitMs, leaseKey: `${LEASE_KEY}:${region}` });
    }
    // The default profile's sub-application keeps the key of the time before region profiles.
    return [...byIdentity.values()].map((subApp) => (subApp.regions.includes(fallback) ? { ...subApp, leaseKey: LEASE_KEY } : subApp));
  }
}
