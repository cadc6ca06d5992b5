import { isoSeconds } from '@app/common';
import { createHash } from 'node:crypto';
import type { SendOptions } from './callback-sender';

/**
 * Alibaba's HTTP callback signature (VOD "HTTP callback authentication"; ICE the same with X-ICE-*):
 * MD5 hex of `CallbackURL|timestamp|AuthKey`, the timestamp in Unix seconds.
 */
export function signAliyunCallback(callbackUrl: string, timestampSeconds: number, authKey: string): string {
  return createHash('md5').update(`${callbackUrl}|${timestampSeconds}|${authKey}`, 'utf8').digest('hex');
}

/** The two headers of a signed callback; none without a key (the headers exist only when an AuthKey is set). */
export function aliyunCallbackHeaders(product: 'vod' | 'ice', callbackUrl: string, authKey: string | undefined, nowMs: number) {
  if (authKey === undefined) return {};
  const timestamp = Math.floor(nowMs / 1000);
  const prefix = `x-${product}`;
  return { [`${prefix}-timestamp`]: String(timestamp), [`${prefix}-signature`]: signAliyunCallback(callbackUrl, timestamp, authKey) };
}

export const ALIYUN_CALLBACK_SENDING: SendOptions = { attempts: 3, retryDelayMs: 1_000, timeoutMs: 5_000 };

/** VOD's event for each media kind: its type, id field and file URL field (VOD spells it FileUrl and FileURL). */
export const VOD_EVENTS = {
  video: { type: 'FileUploadComplete', idField: 'VideoId', urlField: 'FileUrl' },
  image: { type: 'ImageUploadComplete', idField: 'ImageId', urlField: 'FileURL' },
  'attached-media': { type: 'AttachedMediaUploadComplete', idField: 'AttachedMediaId', urlField: 'FileURL' },
} as const;

export type VodMediaKind = keyof typeof VOD_EVENTS;

const eventTime = (nowMs: number) => isoSeconds(nowMs);

/**
 * A VOD event body as documented: FileUploadComplete carries Extend (a JSON string); the image and
 * attached-media events do not (aliyun-vod-ice.md §5).
 */
export function vodEventBody(
  kind: VodMediaKind,
  id: string,
  outcome: { success: boolean; size: number; fileUrl: string; extend?: unknown },
  nowMs: number,
) {
  const spec = VOD_EVENTS[kind];
  return {
    Status: outcome.success ? 'success' : 'fail',
    EventTime: eventTime(nowMs),
    EventType: spec.type,
    [spec.idField]: id,
    Size: outcome.size,
    [spec.urlField]: outcome.fileUrl,
    ...(kind === 'video' && outcome.extend !== undefined ? { Extend: JSON.stringify(outcome.extend) } : {}),
  };
}

/** An ICE event body: `MessageBody.Status` Success/Fail, `Size` a string, our UserData passed through. */
export function iceEventBody(
  id: string,
  outcome: { success: boolean; size: number; fileUrl: string; userData?: string; mediaType: string },
  nowMs: number,
) {
  return {
    EventType: 'FileUploadComplete',
    UserId: 1234567890,
    EventTime: eventTime(nowMs),
    MessageBody: {
      Status: outcome.success ? 'Success' : 'Fail',
      MediaId: id,
      FileUrl: outcome.fileUrl,
      Size: String(outcome.size),
      MediaType: outcome.mediaType,
      ...(outcome.userData !== undefined ? { UserData: outcome.userData } : {}),
    },
  };
}
