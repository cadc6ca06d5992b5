import type { UploadRecord } from '../records/upload-record';

/**
 * What a provider's API says it stores for an upload (the truth a completion event only hints at):
 * `stored` with the figures the API reports, still `uploading`, `failed` (the provider gave up on the
 * file), or `unknown` (no such media, or not under this account).
 */
export type StoredMedia =
  | (StoredUnder & {
      state: 'stored';
      /** Bytes, where the API reports them (Alibaba's GetAttachedMediaInfo does not). */
      size?: number;
      /** Seconds, for video and audio, once the provider has read them. */
      durationSeconds?: number;
      /** The file's format or extension as the provider reports it, lower case (mp4, png...). */
      format?: string;
      fileUrl?: string;
    })
  | (StoredUnder & { state: 'uploading' | 'failed' })
  | { state: 'unknown' };

/** Which upload the provider keeps the media under, where it keeps that (see MediaVerifier.reportsUploadId). */
export interface StoredUnder {
  /** Our upload id as the provider stores it with the media (Tencent: the SourceContext we signed). */
  uploadId?: string;
}

/** What a kind allows of an arrived file, from its provider's configuration; absent: no limit of that sort. */
export interface MediaLimits {
  maxSize?: number;
  maxDurationSeconds?: number;
}

/**
 * A provider's part of verifying uploads: it asks its API what is stored under a record's ids, removes
 * it, and says what the record's kind allows. One per provider (its injectable); the platform decides.
 * A lookup or removal that cannot be done now (provider 5xx, timeout, budget) throws the ApiError its
 * client maps the failure to, and the platform retries it later from a durable job.
 */
export interface MediaVerifier {
  /** The products this verifier answers for (a record's `provider`). */
  readonly products: readonly string[];
  /**
   * True when `lookup` reports the upload id the media was stored under, from something the service
   * itself set in the credential (Tencent's signed SourceContext): then a second file stored under one
   * upload's credential is told apart from someone else's, and deleted. Without it an event naming
   * other ids is only a mismatch.
   */
  readonly reportsUploadId?: boolean;
  lookup(record: UploadRecord): Promise<StoredMedia>;
  /** Deletes the media at the provider; media already gone is not an error. */
  remove(record: UploadRecord): Promise<void>;
  limits(record: UploadRecord): MediaLimits;
}
