import type { UploadProvider } from '@app/registry';
import type { ProviderIdField, UploadOutcome } from '../records/upload-record';

/** A provider's completion event, read: which upload it is about and what it says. */
export interface ProviderEvent {
  provider: UploadProvider;
  /** The provider's event type, e.g. FileUploadComplete or NewFileUpload. */
  type: string;
  /** Our upload id, where the event carries it back (UserData Extend, SourceContext). */
  uploadId?: string;
  /** Otherwise the provider's id, which the upload was linked to when it was issued. */
  providerId?: { field: ProviderIdField; id: string };
  /** The kinds an event of this type can complete: an event about an upload of another kind is a mismatch. */
  kinds?: readonly string[];
  outcome: UploadOutcome;
}

/** A verified event of a type that says nothing about an upload's arrival (transcoding...). */
export interface IgnoredEvent {
  provider: UploadProvider;
  type: string;
  ignored: true;
}

export type ReadEvent = ProviderEvent | IgnoredEvent;

export const isIgnored = (event: ReadEvent): event is IgnoredEvent => 'ignored' in event;
