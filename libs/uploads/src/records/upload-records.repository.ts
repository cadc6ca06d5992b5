import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { digest } from '@app/protection';
import type { UploadProvider } from '@app/registry';
import { type IndexEntry, SealedRecords, Store } from '@app/store';
import type { ProviderIdField, UploadRecord } from './upload-record';

/**
 * Each key is its own Redis Cluster slot: the record by our id, the owner's index (by a digest:
 * no user id in clear), and the link from a provider id to our id.
 */
const keys = {
  record: (uploadId: string) => `upload:{${uploadId}}`,
  owner: (ownerId: string) => `uploads:{${digest(ownerId)}}`,
  providerId: (provider: UploadProvider, field: ProviderIdField, id: string) => `upload-by:{${provider}:${field}:${id}}`,
};

/** Compare-and-set retries before a change gives up: only a storm of events on one upload gets there. */
const MAX_ATTEMPTS = 5;

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

  /**
   * The record and its place in the owner's index, written together (one round trip: the two keys
   * live in different Cluster slots, so not one script); if either fails, the other is undone, so a
   * failure leaves nothing behind.
   */
  async create(record: UploadRecord): Promise<void> {
    const [written, indexed] = await Promise.allSettled([
      this.replicatedRecords.setIfAbsent(keys.record(record.uploadId), record, this.ttlMs),
      this.replicatedStore.indexAdd(keys.owner(record.ownerId), record.uploadId, Date.parse(record.createdAt), this.ttlMs),
    ]);
    const envelope = written.status === 'fulfilled' ? written.value : undefined;
    if (envelope !== undefined && indexed.status === 'fulfilled') return;
    if (envelope !== undefined) await this.sealed.deleteIfEquals(keys.record(record.uploadId), envelope).catch(() => undefined);
    if (indexed.status === 'fulfilled') await this.store.indexRemove(keys.owner(record.ownerId), [record.uploadId]).catch(() => undefined);
    if (written.status === 'rejected') throw written.reason;
    if (indexed.status === 'rejected') throw indexed.reason;
    throw new Error(`upload ${record.uploadId} exists already`);
  }

  /** Resolves once the store is connected again, or after `timeoutMs`. */
  async waitForStore(timeoutMs: number): Promise<void> {
    await this.store.waitUntilReady(timeoutMs);
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
