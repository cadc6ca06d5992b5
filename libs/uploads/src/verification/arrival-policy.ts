import type { DeclaredFile, Rejection } from '../records/upload-record';
import type { MediaLimits, StoredMedia } from './media-verifier';

type Stored = Extract<StoredMedia, { state: 'stored' }>;

/** The same format, told apart from how it is spelt: `.MP4`, `mp4`, `video/mp4` are one. */
function formatName(value: string): string {
  const lower = value.trim().toLowerCase();
  const bare = lower.startsWith('.') ? lower.slice(1) : lower;
  return bare.includes('/') ? bare.slice(bare.lastIndexOf('/') + 1) : bare;
}

/** Provider names of one container that a declared extension may stand for. */
const SAME_FORMAT: Readonly<Record<string, readonly string[]>> = {
  jpg: ['jpeg'],
  jpeg: ['jpg'],
  mov: ['quicktime', 'mp4'],
  m4a: ['mp4', 'mov'],
  mp4: ['mov', 'm4a', 'm4v'],
  m4v: ['mp4', 'mov'],
  mkv: ['matroska', 'webm'],
  webm: ['matroska', 'mkv'],
  ts: ['mpegts'],
  flv: ['flash'],
};

/** Whether a reported format answers a declared one (FFmpeg-style lists such as `mov,mp4,m4a` count when one entry does). */
export function sameFormat(declared: string, reported: string): boolean {
  const want = formatName(declared);
  const accepted = new Set([want, ...(SAME_FORMAT[want] ?? [])]);
  return reported.split(',').some((entry) => accepted.has(formatName(entry)));
}

/**
 * The first rule what arrived breaks, or undefined: the kind's size and duration limits, then what the
 * create declared (its size, its extension or media type). A figure the provider does not report is
 * not judged.
 */
export function rejectionOf(stored: Stored, limits: MediaLimits, declared: DeclaredFile = {}): Rejection | undefined {
  const { size, durationSeconds, format } = stored;
  if (size !== undefined && limits.maxSize !== undefined && size > limits.maxSize) {
    return { reason: 'too_large', limit: limits.maxSize, measured: size };
  }
  if (durationSeconds !== undefined && limits.maxDurationSeconds !== undefined && durationSeconds > limits.maxDurationSeconds) {
    return { reason: 'too_long', limit: limits.maxDurationSeconds, measured: durationSeconds };
  }
  if (size !== undefined && declared.size !== undefined && size !== declared.size) {
    return { reason: 'size_mismatch', limit: declared.size, measured: size };
  }
  if (format !== undefined && declared.format !== undefined && !sameFormat(declared.format, format)) {
    return { reason: 'format_mismatch', limit: formatName(declared.format), measured: formatName(format) };
  }
  return undefined;
}
