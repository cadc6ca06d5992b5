import { fileExtension } from '@app/common';
import type { StoredMedia } from '@app/uploads';
import { IMS_MEDIA_STATUSES, VOD_FILE_STATUSES, VOD_VIDEO_STATUSES } from '../aliyun.facts';
import type { IceMediaInfo, VodAttachedMediaInfo, VodImageInfo, VodMezzanineInfo, VodVideoInfo } from '../client';

// What each lookup answer means for verification: the provider's status words in our three states, the
// figures it reports, the format from the stored file's name. Pure functions over the client's answers.

type State = 'uploading' | 'failed' | 'stored' | 'gone';
interface StatusTable {
  uploading: readonly string[];
  failed: readonly string[];
  stored: readonly string[];
  gone?: readonly string[];
}

/**
 * Our state for a provider status; a status none of the documents lists counts as still uploading, so
 * nothing is confirmed on a word we do not know (the platform asks again later).
 */
export function stateOf(status: string | undefined, table: StatusTable): State | undefined {
  if (status === undefined) return undefined;
  for (const state of ['uploading', 'failed', 'stored', 'gone'] as const) if (table[state]?.includes(status)) return state;
  return undefined;
}

/** Lower-case extension of a file name or of a URL's path (signed URLs carry a query). */
export function formatOf(...names: (string | undefined)[]): string | undefined {
  for (const name of names) {
    if (name === undefined) continue;
    let path = name;
    if (/^https?:\/\//i.test(name)) {
      try {
        path = decodeURIComponent(new URL(name).pathname);
      } catch {
        continue;
      }
    }
    const extension = fileExtension(path);
    if (extension !== undefined) return extension;
  }
  return undefined;
}

function stored(figures: { size?: number; durationSeconds?: number; format?: string; fileUrl?: string }): StoredMedia {
  const media: StoredMedia = { state: 'stored' };
  for (const [field, value] of Object.entries(figures)) if (value !== undefined) Object.assign(media, { [field]: value });
  return media;
}

const waiting = (state: State | undefined): StoredMedia =>
  state === 'failed' ? { state: 'failed' } : state === 'gone' ? { state: 'unknown' } : { state: 'uploading' };

/**
 * A video or audio by GetVideoInfo's status: undefined once the source file arrived (every status after
 * Uploading and UploadFail), when GetMezzanineInfo has the file itself.
 */
export function videoBeforeArrival(video: VodVideoInfo | undefined): StoredMedia | undefined {
  if (video === undefined) return { state: 'unknown' };
  const state = stateOf(video.status, VOD_VIDEO_STATUSES);
  return state === 'stored' ? undefined : waiting(state);
}

/** The arrived video's source file; the video's own Size and Duration fill what the mezzanine lacks. */
export function videoMedia(video: VodVideoInfo, file: VodMezzanineInfo | undefined): StoredMedia {
  if (file === undefined) return { state: 'unknown' };
  const fileState = stateOf(file.status, { ...VOD_FILE_STATUSES, gone: ['Deleted'] });
  if (fileState !== undefined && fileState !== 'stored') return waiting(fileState);
  return stored({
    size: file.size ?? video.size,
    durationSeconds: file.duration ?? video.duration,
    format: formatOf(file.fileName, file.fileURL),
    fileUrl: file.fileURL,
  });
}

export function imageMedia(image: VodImageInfo | undefined): StoredMedia {
  if (image === undefined) return { state: 'unknown' };
  const state = stateOf(image.status, VOD_FILE_STATUSES);
  if (state !== 'stored') return waiting(state);
  const fileUrl = image.fileURL ?? image.url;
  // The stored object's name carries ImageExt; OriginalFileName is only what the client called its file.
  return stored({ size: image.fileSize, format: formatOf(image.fileURL, image.url, image.originalFileName), fileUrl });
}

/** GetAttachedMediaInfo reports no size. */
export function attachedMedia(media: VodAttachedMediaInfo | undefined): StoredMedia {
  if (media === undefined) return { state: 'unknown' };
  const state = stateOf(media.status, VOD_FILE_STATUSES);
  return state === 'stored' ? stored({ format: formatOf(media.url), fileUrl: media.url }) : waiting(state);
}

/** FormatName lists every name of the container ("mov,mp4,m4a,3gp,3g2,mj2"): used only when it names one. */
export function imsMedia(media: IceMediaInfo | undefined): StoredMedia {
  if (media === undefined) return { state: 'unknown' };
  const state = stateOf(media.status, IMS_MEDIA_STATUSES);
  if (state !== 'stored') return waiting(state);
  const single = media.formatName !== undefined && !media.formatName.includes(',') ? media.formatName.toLowerCase() : undefined;
  return stored({
    size: media.fileSize,
    durationSeconds: media.duration,
    format: formatOf(media.fileName, media.fileUrl) ?? single,
    fileUrl: media.fileUrl,
  });
}
