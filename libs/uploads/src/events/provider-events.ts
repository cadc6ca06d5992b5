import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '@app/common';
import { ConfigService } from '@app/config';
import type { UploadProvider } from '@app/registry';
import { type CompletionOutcome, UploadRecords } from '../records/upload-records';
import { UploadCompletions } from '../verification/upload-completions';
import { isIgnored, type ReadEvent } from './provider-event';

export type EventOutcome = CompletionOutcome | 'ignored' | 'refused';

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

  constructor(
    private readonly uploads: UploadRecords,
    private readonly completions: UploadCompletions,
    config: ConfigService,
    metrics: MetricsService,
  ) {
    this.known = new Set([...config.catalog.eventTypes, 'unverified']);
    this.counter = metrics.counter('upload_bff_events_total', 'Provider events received, by provider, event type and outcome.', [
      'provider',
      'type',
      'outcome',
    ]);
  }

  async apply(event: ReadEvent): Promise<EventOutcome> {
    const outcome = await this.outcomeOf(event);
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

  private async outcomeOf(event: ReadEvent): Promise<EventOutcome> {
    if (isIgnored(event)) return 'ignored';
    const uploadId =
      event.uploadId ??
      (event.providerId && (await this.uploads.findUploadIdByProviderId(event.provider, event.providerId.field, event.providerId.id)));
    if (!uploadId) return 'unknown';
    return this.completions.settle(uploadId, event.outcome, { provider: event.provider, kinds: event.kinds });
  }

  private count(provider: UploadProvider, type: string, outcome: EventOutcome): void {
    // Types come from verified providers, but their lists grow: unknown ones share a label.
    this.counter.inc({ provider, type: this.known.has(type) ? type : 'other', outcome });
  }
}
