import type { UploadProvider } from '@app/registry';
import type { ProviderIdField, UploadOutcome, UploadRecord, UploadStatus } from './upload-record';

// The rules UploadRecords applies: what an event does to a record, what a listing keeps.

/** What applying a provider's event (or a commit) did to the record. */
export type CompletionOutcome = 'applied' | 'duplicate' | 'unknown' | 'mismatch' | 'revoked';

export interface UploadFilter {
  status?: UploadStatus;
  provider?: UploadProvider;
}

/** What an event may do to a record: fill it in, or nothing (a repeat, a foreign id, a revoked upload). */
export function judge(record: UploadRecord, outcome: UploadOutcome): CompletionOutcome {
  const ids: ProviderIdField[] = ['videoId', 'imageId', 'mediaId', 'fileId'];
  if (ids.some((field) => record[field] !== undefined && outcome[field] !== undefined && record[field] !== outcome[field]))
    return 'mismatch';
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
