import type {
  ApplyUploadRequest,
  CommitUploadRequest,
  ConfirmEventsRequest,
  PullEventsRequest,
} from 'tencentcloud-sdk-nodejs-vod/tencentcloud/services/vod/v20180717/vod_models';
import { InvalidVodResponseError, optionalText, type TencentOperation, text } from './tencent-operation';

export type { ApplyUploadRequest, CommitUploadRequest, ConfirmEventsRequest, PullEventsRequest };

/** ApplyUpload's answer, checked. `vodSessionKey` must never leave the server or reach a log. */
export interface AppliedUpload {
  storageBucket: string;
  storageRegion: string;
  mediaStoragePath: string;
  coverStoragePath: string | null;
  vodSessionKey: string;
  tempCertificate: { secretId: string; secretKey: string; token: string; expiredTime: number };
  requestId: string;
}

/** CommitUpload's answer, checked. */
export interface CommittedUpload {
  fileId: string;
  mediaUrl: string | null;
  coverUrl: string | null;
  requestId: string;
}

type Raw = Record<string, unknown>;

export const APPLY_UPLOAD: TencentOperation<ApplyUploadRequest, AppliedUpload> = {
  provider: 'tencent-vod',
  action: 'ApplyUpload',
  parse(raw) {
    const certificate = raw.TempCertificate;
    if (certificate === null || typeof certificate !== 'object') throw new InvalidVodResponseError('TempCertificate is missing');
    const expiredTime = (certificate as Raw).ExpiredTime;
    if (typeof expiredTime !== 'number' || !Number.isInteger(expiredTime)) throw new InvalidVodResponseError('ExpiredTime is missing');
    // Unix seconds that an RFC 3339 date can carry (year 9999 at most); anything else is a broken answer.
    if (expiredTime <= 0 || expiredTime > 253_402_300_799) throw new InvalidVodResponseError('ExpiredTime is out of range');
    return {
      storageBucket: text(raw, 'StorageBucket'),
      storageRegion: text(raw, 'StorageRegion'),
      mediaStoragePath: text(raw, 'MediaStoragePath'),
      coverStoragePath: optionalText(raw, 'CoverStoragePath'),
      vodSessionKey: text(raw, 'VodSessionKey'),
      tempCertificate: {
        secretId: text(certificate as Raw, 'SecretId'),
        secretKey: text(certificate as Raw, 'SecretKey'),
        token: text(certificate as Raw, 'Token'),
        expiredTime,
      },
      requestId: text(raw, 'RequestId'),
    };
  },
};

export const COMMIT_UPLOAD: TencentOperation<CommitUploadRequest, CommittedUpload> = {
  provider: 'tencent-vod',
  action: 'CommitUpload',
  parse: (raw) => ({
    fileId: text(raw, 'FileId'),
    mediaUrl: optionalText(raw, 'MediaUrl'),
    coverUrl: optionalText(raw, 'CoverUrl'),
    requestId: text(raw, 'RequestId'),
  }),
};

/** One event of PullEvents: its handle for ConfirmEvents, and the event as Tencent sends it in PUSH mode. */
export interface PulledEvent {
  handle: string;
  /** The EventContent without EventHandle, as a PUSH callback would carry it. */
  content: Record<string, unknown>;
}

export interface PulledEvents {
  events: PulledEvent[];
  requestId: string;
}

export const PULL_EVENTS: TencentOperation<PullEventsRequest, PulledEvents> = {
  provider: 'tencent-vod',
  action: 'PullEvents',
  parse(raw) {
    const set = raw.EventSet;
    const events = (Array.isArray(set) ? set : []).flatMap((item: unknown): PulledEvent[] => {
      if (item === null || typeof item !== 'object') return [];
      const { EventHandle: handle, ...content } = item as Raw;
      return typeof handle === 'string' && handle !== '' ? [{ handle, content }] : [];
    });
    return { events, requestId: text(raw, 'RequestId') };
  },
};

export const CONFIRM_EVENTS: TencentOperation<ConfirmEventsRequest, { requestId: string }> = {
  provider: 'tencent-vod',
  action: 'ConfirmEvents',
  parse: (raw) => ({ requestId: text(raw, 'RequestId') }),
};
