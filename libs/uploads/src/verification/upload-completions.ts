import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { type ApiError, MetricsService } from '@app/common';
import { ConfigService, regionLabel } from '@app/config';
import type { CompletionOutcome, ConfirmedArrival, EventSource } from '../records/record-rules';
import type { ProviderIds, Rejection, UploadOutcome, UploadRecord } from '../records/upload-record';
import { UploadRecords } from '../records/upload-records';
import { rejectionOf } from './arrival-policy';
import type { MediaVerifier, StoredMedia } from './media-verifier';
import { failureFields, isTransient } from './transient-failure';
import { UnrecoverableVerification, type VerificationJob, VerificationJobs } from './verification-jobs';
import { MediaVerifiers } from './media-verifiers';

/** What a verification ended in, for `upload_bff_verifications_total{outcome}`. */
export type VerificationOutcome =
  | 'uploaded'
  | 'rejected'
  | 'failed'
  | 'unconfirmed'
  | 'revoked'
  | 'deferred'
  | 'removed'
  /** A second file stored under one upload's credential: deleted under `delete`, kept under `flag`. */
  | 'extra_file'
  /** A retried lookup or removal given up: its failure cannot be mended by trying again, or its tries ran out. */
  | 'dead_letter';

const IDS = ['videoId', 'imageId', 'mediaId', 'fileId'] as const;
const idsOf = (outcome: ProviderIds): ProviderIds =>
  Object.fromEntries(IDS.filter((field) => outcome[field] !== undefined).map((field) => [field, outcome[field]]));

type Stored = Extract<StoredMedia, { state: 'stored' }>;

/** What the provider confirmed, judged: failed, or stored and then uploaded or rejected. */
function arrivalOf(stored: StoredMedia, ids: ProviderIds, judge: (media: Stored) => Rejection | undefined): ConfirmedArrival {
  if (stored.state !== 'stored') return { status: 'failed', ids };
  const rejection = judge(stored);
  const { size, durationSeconds, fileUrl } = stored;
  return { status: rejection ? 'rejected' : 'uploaded', ids, size, durationSeconds, fileUrl, rejection };
}

/**
 * Where every completion goes, whichever way it came (a callback, PUSH, PULL, a Tencent commit): under
 * UPLOAD_VERIFICATION=delete or flag it is a hint, and the provider's API says what is stored. What
 * arrived is checked against the kind's limits and what the create declared: it becomes `uploaded`
 * with the provider's figures, or `rejected` (and deleted under `delete`). A lookup or removal that
 * cannot be made now is retried from a durable job; the record shows `verifying` meanwhile. With
 * `off`, or for a provider without a verifier, the event is believed as before.
 */
@Injectable()
export class UploadCompletions implements OnApplicationBootstrap {
  private readonly logger = new Logger('Verification');
  private readonly counter;
  private readonly region;

  constructor(
    private readonly uploads: UploadRecords,
    private readonly config: ConfigService,
    @Inject(MediaVerifiers) private readonly verifiers: MediaVerifiers,
    private readonly jobs: VerificationJobs,
    metrics: MetricsService,
  ) {
    this.region = regionLabel(config.regions);
    this.counter = metrics.counter(
      'upload_bff_verifications_total',
      "Completions checked with the provider's API, by provider, kind and outcome (and region, with REGIONS).",
      ['provider', 'kind', 'outcome', ...this.region.names],
    );
    jobs.handle((job, last) => this.retry(job, last));
  }

  private get mode() {
    return this.config.uploads.verification;
  }

  /** Applies a completion hint: believed (verification off), or confirmed with the provider. */
  async settle(uploadId: string, hint: UploadOutcome, source: EventSource = {}): Promise<CompletionOutcome> {
    // Believed as before: complete reads the record itself, once (as it does for a product without a verifier).
    const believed = this.mode === 'off' || (source.provider !== undefined && !this.verifiers.for(source.provider));
    if (believed) return this.uploads.complete(uploadId, hint, source);
    const record = await this.uploads.find(uploadId);
    if (!record) return 'unknown';
    const verifier = this.verifiers.for(record.provider);
    if (!verifier) return this.uploads.complete(uploadId, hint, source);
    const ids = idsOf(hint);
    if (this.uploads.mismatched(record, ids, source)) {
      // Another product or kind is only a mismatch; other ids may be a second file under this upload's credential.
      if (!this.uploads.mismatched(record, {}, source)) await this.extraFile(record, verifier, ids, false);
      return 'mismatch';
    }
    return this.verify({ ...record, ...ids, ...idsOf(record) }, verifier, ids);
  }

  onApplicationBootstrap(): void {
    if (this.mode === 'off' && this.config.isProduction) {
      this.logger.warn(
        'UPLOAD_VERIFICATION=off: completion events are believed without asking the provider, so nothing checks ' +
          'what arrived (size, duration, format), and a forged or replayed event is applied',
      );
    }
  }

  /**
   * Revokes the caller's upload; one whose provider id is known has whatever was already stored
   * deleted (under `delete`), and a removal that fails now is retried.
   */
  async revoke(user: Principal, uploadId: string): Promise<void> {
    await this.uploads.revoke(user, uploadId);
    const record = await this.uploads.find(uploadId);
    if (record?.status === 'revoked') await this.afterRevoke(record);
  }

  private async afterRevoke(record: UploadRecord): Promise<void> {
    const verifier = this.mode === 'delete' ? this.verifiers.for(record.provider) : undefined;
    if (!verifier || IDS.every((field) => record[field] === undefined)) return;
    await this.remove(record, verifier, 'revoked');
  }

  private async verify(record: UploadRecord, verifier: MediaVerifier, ids: ProviderIds): Promise<CompletionOutcome> {
    let stored: StoredMedia;
    try {
      stored = await verifier.lookup(record);
    } catch (error) {
      await this.defer(record, 'verify', ids, error);
      return 'verifying';
    }
    return this.conclude(record, stored, verifier, ids, false);
  }

  /** `inJob`: run by a retry, which throws to be tried again, rather than queueing one. */
  private async conclude(
    record: UploadRecord,
    stored: StoredMedia,
    verifier: MediaVerifier,
    ids: ProviderIds,
    inJob: boolean,
  ): Promise<CompletionOutcome> {
    if (stored.state === 'uploading' || stored.state === 'unknown') {
      this.count(record, 'unconfirmed');
      return 'unconfirmed';
    }
    if (record.status === 'revoked') {
      if (stored.state === 'stored' && this.mode === 'delete') await this.remove(record, verifier, 'revoked');
      else this.count(record, 'revoked');
      return 'revoked';
    }
    const arrival = arrivalOf(stored, ids, (media) => rejectionOf(media, verifier.limits(record), record.declared));
    const { outcome, record: after } = await this.uploads.confirm(record.uploadId, arrival);
    // Another file of the same upload was confirmed meanwhile: this one is the extra.
    if (outcome === 'mismatch' && after) await this.extraFile(after, verifier, ids, inJob);
    if (outcome === 'revoked' && after && stored.state === 'stored' && this.mode === 'delete') {
      await this.remove(after, verifier, 'revoked');
      return outcome;
    }
    if (outcome !== 'applied' && outcome !== 'duplicate') return outcome;
    if (outcome === 'applied') this.count(record, arrival.status);
    if (arrival.status === 'rejected' && this.mode === 'delete' && after) await this.remove(after, verifier, 'removed');
    return outcome;
  }

  /** Deletes the media at the provider; a failure is retried from a job. */
  private async remove(record: UploadRecord, verifier: MediaVerifier, outcome: 'revoked' | 'removed'): Promise<void> {
    try {
      await verifier.remove(record);
      this.count(record, outcome);
      this.logger.log({ event: 'media deleted at the provider', uploadId: record.uploadId, provider: record.provider, why: outcome });
    } catch (error) {
      await this.defer(record, 'remove', idsOf(record), error);
    }
  }

  /**
   * A file the provider stores under this upload's credential besides the one the record settled on (a
   * signature session used twice): one quota unit yields one file, so it is deleted under `delete`,
   * kept under `flag`, and counted either way; the record never changes. A file the provider keeps under
   * another upload, or none, is left alone: the event was only a mismatch. Only a verifier that reports
   * the upload a file was stored under can tell (`reportsUploadId`).
   */
  private async extraFile(record: UploadRecord, verifier: MediaVerifier, ids: ProviderIds, inJob: boolean): Promise<void> {
    if (!verifier.reportsUploadId) return;
    const extra: UploadRecord = { ...record, ...ids };
    try {
      const stored = await verifier.lookup(extra);
      if (stored.state === 'unknown' || stored.uploadId !== record.uploadId) return;
      if (this.mode === 'delete') await verifier.remove(extra);
    } catch (error) {
      if (inJob) throw error;
      // The record is not marked: nothing about it waits.
      return this.defer(record, 'verify', ids, error, false);
    }
    this.count(record, 'extra_file');
    const event = this.mode === 'delete' ? 'extra file deleted at the provider' : 'extra file kept (UPLOAD_VERIFICATION=flag)';
    this.logger.warn({ event, uploadId: record.uploadId, provider: record.provider, kind: record.kind });
  }

  private async defer(record: UploadRecord, action: 'verify' | 'remove', ids: ProviderIds, error: unknown, mark = true): Promise<void> {
    this.logger.warn({ event: `${action} deferred`, uploadId: record.uploadId, provider: record.provider, error: (error as Error)?.name });
    // Queued before the record says so: a job without the mark still runs; a mark without a job would stay.
    await this.jobs.enqueue({ uploadId: record.uploadId, action, ids });
    if (action === 'verify' && mark) await this.uploads.markVerifying(record.uploadId, true);
    this.count(record, 'deferred');
  }

  /**
   * A retry: throws to be tried again on the schedule. A failure that trying again cannot mend (the
   * provider refusing our request: a permission, a parameter, our credentials) ends it at once, and so
   * does the last try: one log line, counted `dead_letter`; a record waiting for it stays `verifying`,
   * for operators to see, until a new completion or revoke queues the job again.
   */
  private async retry({ uploadId, action, ids }: VerificationJob, last: boolean): Promise<void> {
    let found: UploadRecord | undefined;
    try {
      found = await this.uploads.find(uploadId);
      if (found) await this.runJob(found, action, ids);
    } catch (error) {
      const transient = isTransient(error);
      if (transient && !last) throw error;
      const why = transient ? 'retries exhausted' : 'not transient';
      const line = { event: `${action} dead-lettered`, why, uploadId, provider: found?.provider, kind: found?.kind };
      this.logger.error({ ...line, ...failureFields(error) });
      if (found) this.count(found, 'dead_letter');
      throw transient ? error : new UnrecoverableVerification(`${action} failed: ${(error as ApiError).code} (not transient)`);
    }
  }

  private async runJob(found: UploadRecord, action: 'verify' | 'remove', ids: ProviderIds): Promise<void> {
    const { uploadId } = found;
    const verifier = this.verifiers.for(found.provider);
    if (!verifier) return;
    // The job names another file than the record settled on since: an extra one.
    if (this.uploads.mismatched(found, ids)) return this.extraFile(found, verifier, ids, true);
    const record = { ...found, ...ids, ...idsOf(found) };
    if (action === 'remove') {
      await verifier.remove(record);
      this.count(record, record.status === 'revoked' ? 'revoked' : 'removed');
      return;
    }
    const stored = await verifier.lookup(record);
    // Still arriving: the provider said it finished, so ask again later.
    if (stored.state === 'uploading') throw new Error('the provider still reports the media as uploading');
    // The provider has no such media: the event was wrong, the upload is as open as before.
    if (stored.state === 'unknown') await this.uploads.markVerifying(uploadId, false);
    await this.conclude(record, stored, verifier, ids, true);
  }

  private count(record: UploadRecord, outcome: VerificationOutcome): void {
    this.counter.inc({ provider: record.provider, kind: record.kind, outcome, ...this.region.of(record.region) });
  }
}
