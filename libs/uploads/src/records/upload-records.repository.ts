import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { digest } from '@app/protection';
import type { UploadProvider } from '@app/registry';
import { ApiError, ErrorCode, newUploadId } from '@app/common';
import { type Claim, type ClaimEntry, type ClaimResult, idInSlotOf, type IndexEntry, SealedRecords, Store } from '@app/store';
import { definedOnly } from './record-rules';
import type { ProviderIdField, ProviderIds, UploadRecord } from './upload-record';

/**
 * The record by our id, the owner's index (by a digest: no user id in clear), and the link from a
 * provider id to our id. A new upload's id is chosen in its owner's Cluster slot (`newId`), so its
 * record, the owner's index and the owner's other keys (quota, nonces) are written by one script.
 */
const keys = {
  record: (uploadId: string) => `upload:{${uploadId}}`,
  owner: (ownerId: string) => `uploads:{${digest(ownerId)}}`,
  providerId: (provider: UploadProvider, field: ProviderIdField, id: string) => `upload-by:{${provider}:${field}:${id}}`,
};

/** Compare-and-set retries before a change gives up: only a storm of events on one upload gets there. */
const MAX_ATTEMPTS = 5;
const PATIENCE_RETRY_PAUSE_MS = 50;
const PROVIDER_ID_FIELDS = ['videoId', 'imageId', 'mediaId', 'fileId'] as const;

/** What `create` did; a claimed record comes with the envelope written, for `attach` to change it without reading it back. */
export type CreatedRecord = Exclude<ClaimResult, { outcome: 'claimed' }> | { outcome: 'claimed'; used: number; envelope: string };

export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

/**
 * Upload records in the store: sealed records, an index per owner (newest first), provider id links.
 * A record's creation, changes and links acknowledge an upload to someone (a 201, a provider's event),
 * so they are written through the replicated store: with REDIS_WAIT_REPLICAS they fail (503) unless
 * that many replicas hold them. Removals and index clean-ups are not: losing one harms nobody.
 */
@Injectable()
export class UploadRecordsRepository {
  private readonly replicatedStore: Store;
  private readonly replicatedRecords: SealedRecords;

  constructor(
    private readonly store: Store,
    private readonly sealed: SealedRecords,
    private readonly config: ConfigService,
  ) {
    this.replicatedStore = store.replicated;
    this.replicatedRecords = sealed.replicated;
  }

  private get ttlMs(): number {
    return this.config.uploads.recordTtlSeconds * 1000;
  }

  /** A fresh upload id in the Cluster slot of its owner's keys (their hash tag is the owner's digest). */
  newId(ownerId: string): string {
    return idInSlotOf(newUploadId(), keys.owner(ownerId));
  }

  /**
   * The record and its place in the owner's index, with the request's other writes (a quota unit, keys
   * that must be new) in one atomic step and one round trip: all written, or nothing (the result says
   * why). The id must come from `newId` for Redis Cluster. A record that exists already throws.
   */
  async create(record: UploadRecord, extra: { quota?: Claim['quota']; claims?: readonly ClaimEntry[] } = {}): Promise<CreatedRecord> {
    const key = keys.record(record.uploadId);
    const envelope = this.sealed.seal(key, record);
    const result = await this.replicatedStore.claim({
      quota: extra.quota,
      entries: [{ key, value: envelope, ttlMs: this.ttlMs }, ...(extra.claims ?? [])],
      indexes: [{ key: keys.owner(record.ownerId), member: record.uploadId, score: Date.parse(record.createdAt), ttlMs: this.ttlMs }],
    });
    if (result.outcome === 'taken' && result.key === key) throw new Error(`upload ${record.uploadId} exists already`);
    return result.outcome === 'claimed' ? { ...result, envelope } : result;
  }

  async find(uploadId: string): Promise<UploadRecord | undefined> {
    const record = await this.sealed.get<UploadRecord>(keys.record(uploadId));
    return record && this.withRegion(record);
  }

  /** A record from before region profiles (REGIONS) reads as the default profile's; without REGIONS none has a region. */
  private withRegion(record: UploadRecord): UploadRecord {
    const { declared, default: fallback } = this.config.regions;
    return declared && record.region === undefined ? { ...record, region: fallback } : record;
  }

  /**
   * Applies `change` atomically: read, change, write only if nobody wrote in between, else again.
   * `change` answers undefined to leave the record as it is. Undefined when there is no record.
   */
  async update(
    uploadId: string,
    change: (record: UploadRecord) => UploadRecord | undefined,
  ): Promise<{ before: UploadRecord; after: UploadRecord } | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.sealed.read<UploadRecord>(keys.record(uploadId));
      if (!current) return undefined;
      const before = this.withRegion(current.value);
      const next = change(before);
      if (!next) return { before, after: before };
      if (await this.replicatedRecords.replace(keys.record(uploadId), current.envelope, next)) return { before, after: next };
    }
    throw new ConcurrentChangeError(`upload ${uploadId} kept changing`);
  }

  /**
   * Runs `work` again while the store answers 503 (a Redis restart, a stall, replicas reattaching after a
   * failover), until `deadline`: for the steps after the provider created an upload, which must not be lost.
   */
  async patiently(deadline: number, work: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        const left = deadline - Date.now();
        if (!(error instanceof ApiError && error.code === ErrorCode.STORE_UNAVAILABLE) || left <= 0) throw error;
        await this.store.waitUntilReady(left);
        await new Promise((resolve) => setTimeout(resolve, Math.min(PATIENCE_RETRY_PAUSE_MS, left)));
      }
    }
  }

  /**
   * Notes the provider's ids on the record and links them to it. With the envelope `create` wrote, the
   * record is changed from it without being read back (one round trip, no decryption), and the links are
   * written meanwhile; if the record changed since, it is read and changed as any update.
   */
  async attach(record: UploadRecord, ids: ProviderIds, written?: string): Promise<void> {
    if (Object.values(ids).every((id) => id === undefined)) return;
    const change = (current: UploadRecord) => ({ ...current, ...definedOnly(ids), updatedAt: new Date().toISOString() });
    const key = keys.record(record.uploadId);
    const changed = async () => {
      if (written !== undefined && (await this.replicatedRecords.replace(key, written, change(record)))) return;
      await this.update(record.uploadId, change);
    };
    await Promise.all([changed(), this.linkAll(record, ids)]);
  }

  /** Links each of the provider's ids to the upload. */
  async linkAll(record: UploadRecord, ids: ProviderIds): Promise<void> {
    for (const field of PROVIDER_ID_FIELDS) {
      const id = ids[field];
      if (id !== undefined) await this.link(record.provider, field, id, record.uploadId);
    }
  }

  /** Forgets an upload that never reached the provider (its create failed). */
  async remove(record: UploadRecord): Promise<void> {
    await this.sealed.delete(keys.record(record.uploadId));
    await this.store.indexRemove(keys.owner(record.ownerId), [record.uploadId]);
  }

  /** Events that name only the provider's id (VOD images, attached media) find the upload through this. */
  async link(provider: UploadProvider, field: ProviderIdField, id: string, uploadId: string): Promise<void> {
    await this.replicatedStore.set(keys.providerId(provider, field, id), uploadId, this.ttlMs);
  }

  async findLinked(provider: UploadProvider, field: ProviderIdField, id: string): Promise<string | undefined> {
    return (await this.store.get(keys.providerId(provider, field, id))) ?? undefined;
  }

  /** The owner's uploads, newest first, from `maxScore` (issue time in ms) down. */
  ownerPage(ownerId: string, maxScore: number, count: number): Promise<IndexEntry[]> {
    return this.store.indexRange(keys.owner(ownerId), maxScore, count);
  }

  /** Drops index entries whose records expired. */
  forget(ownerId: string, uploadIds: readonly string[]): Promise<void> {
    return this.store.indexRemove(keys.owner(ownerId), uploadIds);
  }
}
