import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '@app/common';
import { ConfigService, type RegionsConfig } from '@app/config';
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

  constructor(
    private readonly uploads: UploadRecords,
    private readonly completions: UploadCompletions,
    config: ConfigService,
    metrics: MetricsService,
  ) {
    this.regions = config.regions;
    this.known = new Set([...config.catalog.eventTypes, 'unverified']);
    this.counter = metrics.counter('upload_bff_events_total', 'Provider events received, by provider, event type and outcome.', [
      'provider',
      'type',
      'outcome',
    ]);
  }

  async apply(event: ReadEvent, origin: EventOrigin = {}): Promise<EventOutcome> {
    const outcome = await this.outcomeOf(event, origin);
    this.count(event.provider, event.type, outcome);
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
    this.count(provider, 'unverified', 'refused');
  }

  private async outcomeOf(event: ReadEvent, origin: EventOrigin): Promise<EventOutcome> {
    if (isIgnored(event)) return 'ignored';
    const uploadId =
      event.uploadId ??
      (event.providerId && (await this.uploads.findUploadIdByProviderId(event.provider, event.providerId.field, event.providerId.id)));
    if (!uploadId) return 'unknown';
    if (!(await this.fromItsRegion(uploadId, origin))) return 'refused';
    return this.completions.settle(uploadId, event.outcome, { provider: event.provider, kinds: event.kinds });
  }

  /** Whether the upload is of a region the event was verified for (any, without REGIONS or an origin). */
  private async fromItsRegion(uploadId: string, { regions }: EventOrigin): Promise<boolean> {
    if (regions === undefined || !this.regions.declared) return true;
    const record = await this.uploads.find(uploadId);
    return record === undefined || regions.includes(record.region ?? this.regions.default);
  }

  private count(provider: UploadProvider, type: string, outcome: EventOutcome): void {
    // Types come from verified providers, but their lists grow: unknown ones share a label.
    this.counter.inc({ provider, type: this.known.has(type) ? type : 'other', outcome });
  }
}
