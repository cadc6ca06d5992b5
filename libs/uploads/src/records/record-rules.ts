import type { UploadProvider } from '@app/registry';
import type { ProviderIdField, ProviderIds, Rejection, UploadOutcome, UploadRecord, UploadStatus } from './upload-record';

// The rules UploadRecords applies: what an event does to a record, what a listing keeps.

/**
 * What applying a provider's event (or a commit) did to the record. With verification: `unconfirmed`,
 * the provider does not report the media as stored (yet), so nothing changed; `verifying`, the lookup
 * could not be made now and is retried from a durable job.
 */
export type CompletionOutcome = 'applied' | 'duplicate' | 'unknown' | 'mismatch' | 'revoked' | 'unconfirmed' | 'verifying';

/** Where an event claims to come from: its product, and the kinds its event type can complete. */
export interface EventSource {
  provider?: UploadProvider;
  kinds?: readonly string[];
}

/** What the provider's API confirmed of an upload after its event: the figures it reports, and the verdict on them. */
export interface ConfirmedArrival {
  status: 'uploaded' | 'rejected' | 'failed';
  ids: ProviderIds;
  size?: number;
  durationSeconds?: number;
  fileUrl?: string;
  rejection?: Rejection;
}

const ID_FIELDS: ProviderIdField[] = ['videoId', 'imageId', 'mediaId', 'fileId'];

/** An event that names another product, a kind its type cannot complete, or other ids than the record's. */
export function mismatched(record: UploadRecord, ids: ProviderIds, source: EventSource = {}): boolean {
  if (source.provider !== undefined && record.provider !== source.provider) return true;
  if (source.kinds !== undefined && !source.kinds.includes(record.kind)) return true;
  return ID_FIELDS.some((field) => record[field] !== undefined && ids[field] !== undefined && record[field] !== ids[field]);
}

const FIGURES = ['size', 'durationSeconds', 'fileUrl'] as const;

/**
 * What a confirmed arrival does to a record: `applied` (first confirmation), `revised` (new content of
 * a settled upload: a revision of its own, with its own webhook), `duplicate` (nothing new), or nothing
 * for a revoked or mismatched upload.
 */
export function confirmArrival(
  record: UploadRecord,
  arrival: ConfirmedArrival,
  at: string,
): { outcome: 'applied' | 'revised' | 'duplicate' | 'revoked' | 'mismatch'; next?: UploadRecord } {
  if (mismatched(record, arrival.ids)) return { outcome: 'mismatch' };
  if (record.status === 'revoked') return { outcome: 'revoked' };
  const settled = record.status === 'uploaded' || record.status === 'rejected' || record.status === 'failed';
  const same =
    record.status === arrival.status &&
    FIGURES.every((field) => record[field] === arrival[field]) &&
    record.rejection?.reason === arrival.rejection?.reason;
  if (settled && same) return { outcome: 'duplicate' };
  const { size: _size, durationSeconds: _duration, fileUrl: _url, rejection: _rejection, ...kept } = record;
  const next: UploadRecord = {
    ...kept,
    ...definedOnly(arrival.ids),
    ...definedOnly({ size: arrival.size, durationSeconds: arrival.durationSeconds, fileUrl: arrival.fileUrl }),
    ...(arrival.rejection ? { rejection: arrival.rejection } : {}),
    status: arrival.status,
    updatedAt: at,
    ...(settled ? { revision: (record.revision ?? 0) + 1 } : {}),
  };
  return { outcome: settled ? 'revised' : 'applied', next };
}

export interface UploadFilter {
  status?: UploadStatus;
  provider?: UploadProvider;
}

/** What an event may do to a record: fill it in, or nothing (a repeat, a foreign id, a revoked upload). */
export function judge(record: UploadRecord, outcome: UploadOutcome, source: EventSource = {}): CompletionOutcome {
  if (mismatched(record, outcome, source)) return 'mismatch';
  if (record.status === 'revoked') return 'revoked';
  if (record.status === 'uploaded' || (record.status === 'failed' && outcome.status === 'failed')) return 'duplicate';
  return 'applied';
}

export function matches(record: UploadRecord, filter: UploadFilter): boolean {
  return (
    (filter.status === undefined || record.status === filter.status) &&
    (filter.provider === undefined || record.provider === filter.provider)
  );
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
