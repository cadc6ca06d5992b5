import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { MetricsService, pendingRecordClaim, UPLOAD_ID_PATTERN } from '@app/common';
import { ConfigService, regionLabel } from '@app/config';
import type { KindSpec, UploadProvider, WebhookEventType } from '@app/registry';
import { DailyQuotas } from '@app/protection';
import { type ClaimEntry, ClaimTakenError, Store } from '@app/store';
import { WebhookPublisher } from '@app/webhooks';
import type { DeclaredFile, ProviderIdField, ProviderIds, UploadOutcome, UploadRecord } from './upload-record';
import {
  type CompletionOutcome,
  confirmArrival,
  type ConfirmedArrival,
  definedOnly,
  type EventSource,
  judge,
  mismatched,
  type UploadFilter,
} from './record-rules';
import { recordRegion } from './record-region';
import { UploadRecordsRepository } from './upload-records.repository';

export type { CompletionOutcome, ConfirmedArrival, EventSource, UploadFilter };
import { UPLOAD_ERRORS } from './upload-problems';

/** Anything else cannot be a provider id we issued; such a lookup answers "no such upload" at once. */
const PROVIDER_ID = /^[A-Za-z0-9_-]{1,128}$/;

const notFound = UPLOAD_ERRORS.notFound;

/** How long the steps after the provider's answer (the ids on the record, the queued webhook) wait for the store. */
const ISSUED_PATIENCE_MS = 3_000;

/** Done with: a refresh would replace the file the provider confirmed (or is confirming). */
const SETTLED: ReadonlySet<string> = new Set(['uploaded', 'rejected', 'verifying']);

const ANNOUNCED = { uploaded: 'upload.completed', rejected: 'upload.rejected', failed: 'upload.failed' } as const;

const now = () => new Date().toISOString();

/**
 * The lifecycle of every upload: issued with its credential, uploaded or failed by the provider's
 * event (or a Tencent commit), revoked by its owner. Only the owner sees a record; anyone else, and
 * any id we never issued, meets the same 404.
 */
@Injectable()
export class UploadRecords {
  private readonly logger = new Logger(UploadRecords.name);
  private readonly orphans;
  private readonly region;

  constructor(
    private readonly repository: UploadRecordsRepository,
    private readonly webhooks: WebhookPublisher,
    private readonly config: ConfigService,
    metrics: MetricsService,
    private readonly quotas: DailyQuotas,
    private readonly store: Store,
  ) {
    this.region = regionLabel(config.regions);
    this.orphans = metrics.counter(
      'upload_bff_orphaned_uploads_total',
      'Uploads the provider created whose record could not be completed or whose upload.created could not be queued.',
      ['provider', ...this.region.names],
    );
    // Rare: each provider (in each region) starts at 0, so an alert's increase() sees the first one.
    for (const provider of config.catalog.productIds) {
      for (const region of config.regions.names) this.orphans.inc({ provider, ...this.region.of(region) }, 0);
    }
  }

  /**
   * Opens the record, then asks the provider for the credential (`issueCredential` gets our upload
   * id for UserData/SourceContext), then notes the provider's ids. An event that comes back before
   * the answer finds the record. A failed call leaves no record behind. A session kind's record
   * counts its first credential. `declared` is what the request said of the file (its size, its
   * extension or media type), checked against what arrives. A kind that calls no provider API spends
   * its daily-quota unit here, with the record (429 when used up); `claims` are keys (of the owner's
   * Cluster slot) written with the record only if all are new (ClaimTakenError, nothing written), and so
   * is the request's Idempotency-Key claim (RecordClaim), before its quota unit is counted.
   */
  async issue<Result>(
    user: Principal,
    kind: KindSpec,
    issueCredential: (uploadId: string) => Promise<Result>,
    providerIds: (result: Result) => ProviderIds = () => ({}),
    declared?: DeclaredFile,
    claims: readonly ClaimEntry[] = [],
  ): Promise<{ uploadId: string; result: Result }> {
    const at = now();
    const record: UploadRecord = {
      uploadId: this.repository.newId(user.id),
      ownerId: user.id,
      provider: kind.product.id,
      kind: kind.id,
      ...recordRegion(this.config.regions, user),
      status: 'issued',
      createdAt: at,
      updatedAt: at,
      ...(kind.session ? { signatures: 1 } : {}),
      ...(declared && (declared.size !== undefined || declared.format !== undefined) ? { declared: definedOnly(declared) } : {}),
    };
    // The kind's daily-quota unit is spent with the record, and given back below if no credential comes of it.
    const quota = this.quotas.unit(kind.id, user.id);
    // The request's Idempotency-Key is claimed here too: a replay or a request still in flight finds it taken.
    const pending = pendingRecordClaim();
    const created = await this.repository.create(record, { quota, claims: pending ? [...claims, pending] : claims });
    if (created.outcome === 'taken') throw new ClaimTakenError(created.key, created.value);
    if (created.outcome === 'quota') throw this.quotas.exceeded(quota!);
    if (pending) pending.claimed = true;
    let result: Result;
    try {
      result = await issueCredential(record.uploadId);
    } catch (error) {
      await this.repository.remove(record).catch(() => undefined);
      if (quota) await this.store.releaseQuota(quota.key).catch(() => undefined);
      throw error;
    }
    const ids = providerIds(result);
    // The provider holds the upload now: a 201 a few seconds late beats a 503, whose retry would create another.
    const deadline = Date.now() + ISSUED_PATIENCE_MS;
    try {
      await this.repository.patiently(deadline, () => this.repository.attach(record, ids, created.envelope));
      await this.repository.patiently(deadline, () => this.announce('upload.created', { ...record, ...definedOnly(ids) }));
    } catch (error) {
      // The provider holds an upload nobody will be told of (or can refresh or complete): say which, and count it.
      this.orphans.inc({ provider: record.provider, ...this.region.of(record.region) });
      this.logger.warn({ event: 'upload created but its record was not completed', uploadId: record.uploadId, ...ids });
      throw error;
    }
    return { uploadId: record.uploadId, result };
  }

  /** The caller's upload, or 404. */
  async findOwned(user: Principal, uploadId: string): Promise<UploadRecord> {
    const record = UPLOAD_ID_PATTERN.test(uploadId) ? await this.repository.find(uploadId) : undefined;
    if (!record || record.ownerId !== user.id) throw notFound();
    return record;
  }

  /**
   * The caller's upload named by the provider's id (a refresh names the video or media), or 404; with
   * `kind`, only an upload of that kind (an audio refresh does not refresh a video).
   */
  async findOwnedByProviderId(
    user: Principal,
    provider: UploadProvider,
    field: ProviderIdField,
    id: string,
    kind?: string,
  ): Promise<UploadRecord> {
    const uploadId = PROVIDER_ID.test(id) ? await this.repository.findLinked(provider, field, id) : undefined;
    if (!uploadId) throw notFound();
    const record = await this.findOwned(user, uploadId);
    if (kind !== undefined && record.kind !== kind) throw notFound();
    return record;
  }

  /** The record if the service may still issue for it: not revoked (410). */
  requireOpen(record: UploadRecord): UploadRecord {
    if (record.status === 'revoked') throw UPLOAD_ERRORS.revoked();
    return record;
  }

  /**
   * The record if its upload may still be written to: open, and not complete (409). A refresh of a complete
   * upload would let its owner replace the reviewed file under the same id (the provider overwrites it).
   */
  requireIncomplete(record: UploadRecord): UploadRecord {
    this.requireOpen(record);
    if (SETTLED.has(record.status)) throw UPLOAD_ERRORS.completed();
    return record;
  }

  /** Nothing more is issued for it; an upload the provider already has cannot be revoked (409). */
  async revoke(user: Principal, uploadId: string): Promise<void> {
    await this.findOwned(user, uploadId);
    const changed = await this.repository.update(uploadId, (record) => {
      if (record.status === 'revoked') return undefined;
      if (record.status === 'uploaded' || record.status === 'rejected') throw UPLOAD_ERRORS.completedNotRevocable();
      return { ...record, status: 'revoked', updatedAt: now() };
    });
    // A repeat announces again: a first announcement that failed to queue (503) is made good by the retry.
    if (changed) await this.announce('upload.revoked', changed.after, changed.before !== changed.after);
  }

  /**
   * Applies a provider's verdict on an upload: its status, size and URL, and its id where the record
   * has none yet. The id (and the provider, when given) must agree with the record. Repeats change nothing.
   */
  async complete(uploadId: string, outcome: UploadOutcome, source: EventSource = {}): Promise<CompletionOutcome> {
    let verdict: CompletionOutcome = 'applied';
    const changed = await this.repository.update(uploadId, (record) => {
      verdict = judge(record, outcome, source);
      return verdict === 'applied' ? { ...record, ...definedOnly(outcome), updatedAt: now() } : undefined;
    });
    if (!changed) return 'unknown';
    if (verdict === 'applied') await this.repository.linkAll(changed.after, outcome);
    // A duplicate announces again too: if the first announcement failed to queue, the provider's retry
    // (after our 503) is what delivers it; a receiver deduplicates on webhook-id.
    if (verdict === 'applied' || verdict === 'duplicate') {
      const { status } = changed.after;
      if (status === 'uploaded' || status === 'failed') {
        await this.announce(status === 'uploaded' ? 'upload.completed' : 'upload.failed', changed.after, verdict === 'applied');
      }
    }
    return verdict;
  }

  /** The record under our id, whoever owns it (for a provider's event); undefined when there is none. */
  find(uploadId: string): Promise<UploadRecord | undefined> {
    return UPLOAD_ID_PATTERN.test(uploadId) ? this.repository.find(uploadId) : Promise.resolve(undefined);
  }

  /** Whether an event about the record names another product, a kind its type cannot complete, or other ids. */
  mismatched(record: UploadRecord, ids: ProviderIds, source?: EventSource): boolean {
    return mismatched(record, ids, source);
  }

  /**
   * Settles an upload on what the provider's API confirmed (after its event): uploaded, rejected or
   * failed, with the provider's figures, announced once per content. New content of a settled upload
   * is a revision (its own webhook-id); the same content again is a duplicate, announced again with the
   * same id (a first announcement that failed to queue is made good).
   */
  async confirm(uploadId: string, arrival: ConfirmedArrival): Promise<{ outcome: CompletionOutcome; record?: UploadRecord }> {
    const verdict: { outcome: ReturnType<typeof confirmArrival>['outcome'] } = { outcome: 'duplicate' };
    const changed = await this.repository.update(uploadId, (record) => {
      const judged = confirmArrival(record, arrival, now());
      verdict.outcome = judged.outcome;
      return judged.next;
    });
    if (!changed) return { outcome: 'unknown' };
    const record = changed.after;
    const { outcome } = verdict;
    if (outcome === 'mismatch' || outcome === 'revoked') return { outcome, record };
    if (outcome !== 'duplicate') await this.repository.linkAll(record, arrival.ids);
    await this.announce(ANNOUNCED[arrival.status], record, outcome !== 'duplicate');
    return { outcome: outcome === 'revised' ? 'applied' : outcome, record };
  }

  /**
   * Marks an issued upload `verifying` while the provider's confirmation is retried, or a verifying one
   * `issued` again (the provider knew no such media); other states stay as they are.
   */
  async markVerifying(uploadId: string, verifying: boolean): Promise<void> {
    const [from, to] = verifying ? (['issued', 'verifying'] as const) : (['verifying', 'issued'] as const);
    await this.repository.update(uploadId, (record) => (record.status === from ? { ...record, status: to, updatedAt: now() } : undefined));
  }

  /** The upload id a provider id was issued under, for events that carry only the provider's id. */
  findUploadIdByProviderId(provider: UploadProvider, field: ProviderIdField, id: string): Promise<string | undefined> {
    return PROVIDER_ID.test(id) ? this.repository.findLinked(provider, field, id) : Promise.resolve(undefined);
  }

  /**
   * One more credential for an open session of the caller's (a kind that declares `session`): 404 for
   * anyone else's and for any other kind's upload, 410 once revoked, 409 once uploaded or when the
   * session has had `max` credentials. `max` is told the record (its region's settings); what it throws
   * refuses the request before a credential is counted.
   */
  async continueSession(user: Principal, uploadId: string, max: (record: UploadRecord) => number): Promise<UploadRecord> {
    const record = await this.findOwned(user, uploadId);
    if (!this.config.catalog.kind(record.kind)?.session) throw notFound();
    const limit = max(record);
    const changed = await this.repository.update(uploadId, (current) => {
      this.requireOpen(current);
      if (SETTLED.has(current.status)) throw UPLOAD_ERRORS.completed();
      const used = current.signatures ?? 0;
      if (used >= limit) throw UPLOAD_ERRORS.sessionUsedUp(limit);
      return { ...current, signatures: used + 1, updatedAt: now() };
    });
    if (!changed) throw notFound();
    return changed.after;
  }

  /**
   * One log line per change of status, for operators, and the app's webhook (queued durably; a
   * failure to queue rejects with 503, so the caller or the provider tries again). A new upload is
   * logged at debug only: its request's access line (201, route, user, request id) says it at info.
   */
  private async announce(type: WebhookEventType, record: UploadRecord, changed = true): Promise<void> {
    if (changed) {
      const line = { event: type, uploadId: record.uploadId, provider: record.provider, kind: record.kind, status: record.status };
      if (type === 'upload.created') this.logger.debug(line);
      else this.logger.log(line);
    }
    await this.webhooks.publish(type, { ...record, userId: record.ownerId });
  }
}
