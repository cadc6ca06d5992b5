import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '@app/common';
import { ConfigService, regionLabel, type RegionsConfig } from '@app/config';
import type { UploadProvider } from '@app/registry';
import { type CompletionOutcome, UploadRecords } from '../records/upload-records';
import { UploadCompletions } from '../verification/upload-completions';
import { isIgnored, type ReadEvent } from './provider-event';

export type EventOutcome = CompletionOutcome | 'ignored' | 'refused';

/**
 * Where a verified event may come from: the region profiles whose secret (AuthKey, token, account) it
 * was verified with. An event about an upload of another region is refused, never applied. Omitted,
 * or without REGIONS: any region.
 */
export interface EventOrigin {
  regions?: readonly string[];
}

/**
 * Applies verified provider events to the upload records, whichever way they came (a callback, the
 * PULL loop). An event for an upload we do not know is answered as received, so the provider does
 * not retry it for nothing; a store outage rejects (503), so the provider does retry.
 */
@Injectable()
export class ProviderEvents {
  private readonly logger = new Logger(ProviderEvents.name);
  private readonly counter;
  /** The event types with a label of their own: the catalog's, and refusals. */
  private readonly known: ReadonlySet<string>;
  private readonly regions: RegionsConfig;
  private readonly region;

  constructor(
    private readonly uploads: UploadRecords,
    private readonly completions: UploadCompletions,
    config: ConfigService,
    metrics: MetricsService,
  ) {
    this.regions = config.regions;
    this.region = regionLabel(config.regions);
    this.known = new Set([...config.catalog.eventTypes, 'unverified']);
    this.counter = metrics.counter(
      'upload_bff_events_total',
      'Provider events received, by provider, event type and outcome (and region, with REGIONS).',
      ['provider', 'type', 'outcome', ...this.region.names],
    );
  }

  async apply(event: ReadEvent, origin: EventOrigin = {}): Promise<EventOutcome> {
    const { outcome, region = soleRegion(origin) } = await this.outcomeOf(event, origin);
    this.count(event.provider, event.type, outcome, region);
    if (!isIgnored(event) && outcome !== 'applied' && outcome !== 'duplicate') {
      this.logger.log({
        event: 'provider event not applied',
        provider: event.provider,
        type: event.type,
        outcome,
        uploadId: event.uploadId,
      });
    }
    return outcome;
  }

  /** A callback that failed its signature or token check. */
  refused(provider: UploadProvider): void {
    this.count(provider, 'unverified', 'refused', undefined);
  }

  /** What became of the event, and, with REGIONS, the region of its upload (read first: an event of another region is refused). */
  private async outcomeOf(event: ReadEvent, origin: EventOrigin): Promise<{ outcome: EventOutcome; region?: string }> {
    if (isIgnored(event)) return { outcome: 'ignored' };
    const uploadId =
      event.uploadId ??
      (event.providerId && (await this.uploads.findUploadIdByProviderId(event.provider, event.providerId.field, event.providerId.id)));
    if (!uploadId) return { outcome: 'unknown' };
    let region: string | undefined;
    if (this.regions.declared) {
      region = (await this.uploads.find(uploadId))?.region;
      if (region !== undefined && origin.regions !== undefined && !origin.regions.includes(region)) return { outcome: 'refused', region };
    }
    return { outcome: await this.completions.settle(uploadId, event.outcome, { provider: event.provider, kinds: event.kinds }), region };
  }

  private count(provider: UploadProvider, type: string, outcome: EventOutcome, region: string | undefined): void {
    // Types come from verified providers, but their lists grow: unknown ones share a label.
    this.counter.inc({ provider, type: this.known.has(type) ? type : 'other', outcome, ...this.region.of(region) });
  }
}

/** The one region an event was verified for, if only one: the region of an event about no upload we know. */
function soleRegion({ regions }: EventOrigin): string | undefined {
  return regions?.length === 1 ? regions[0] : undefined;
}
