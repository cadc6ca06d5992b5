import { embeddedObject, type Json, object, optionalSize, optionalText, type ProviderIdField, type ReadEvent, text } from '@app/uploads';
import { IMS, VOD } from '../aliyun.products';
import { VOD_ATTACHED_MEDIA } from '../kinds/vod-attached-media/vod-attached-media.kind';
import { VOD_AUDIO } from '../kinds/vod-audio/vod-audio.kind';
import { VOD_IMAGE } from '../kinds/vod-image/vod-image.kind';
import { VOD_VIDEO } from '../kinds/vod-video/vod-video.kind';

/**
 * VOD upload events, their id field, where the file URL is (VOD spells it FileUrl and FileURL), and
 * the kinds (ids of kinds/*) each can complete: an image event about a video's record is a mismatch.
 */
const VOD_UPLOAD_EVENTS: Record<string, { idField: string; ours: ProviderIdField; urlField: string; kinds: string[] }> = {
  FileUploadComplete: { idField: 'VideoId', ours: 'videoId', urlField: 'FileUrl', kinds: [VOD_VIDEO.spec.id, VOD_AUDIO.spec.id] },
  ImageUploadComplete: { idField: 'ImageId', ours: 'imageId', urlField: 'FileURL', kinds: [VOD_IMAGE.spec.id] },
  AttachedMediaUploadComplete: { idField: 'AttachedMediaId', ours: 'mediaId', urlField: 'FileURL', kinds: [VOD_ATTACHED_MEDIA.spec.id] },
};

/** Our upload id from UserData's Extend, as buildUserData wrote it. */
function uploadIdOf(extend: unknown): string | undefined {
  const uploadId = embeddedObject(extend)?.uploadId;
  return typeof uploadId === 'string' ? uploadId : undefined;
}

/**
 * A VOD HTTP callback (event notification): FileUploadComplete carries our Extend back; image and
 * attached-media events do not (as Alibaba documents them), so they are found by their id.
 */
export function readVodEvent(raw: unknown): ReadEvent {
  const body = object(raw, '(body)');
  const type = text(body, 'EventType');
  const provider = VOD.id;
  const spec = Object.hasOwn(VOD_UPLOAD_EVENTS, type) ? VOD_UPLOAD_EVENTS[type] : undefined;
  if (!spec) return { provider, type, ignored: true };
  const id = text(body, spec.idField);
  return {
    provider,
    type,
    uploadId: uploadIdOf(body.Extend),
    providerId: { field: spec.ours, id },
    kinds: spec.kinds,
    outcome: {
      status: text(body, 'Status').toLowerCase() === 'success' ? 'uploaded' : 'failed',
      [spec.ours]: id,
      size: optionalSize(body, 'Size'),
      fileUrl: optionalText(body, spec.urlField),
    },
  };
}

/**
 * An ICE (IMS) callback: `{EventType, UserId, EventTime, MessageBody: {Status, MediaId, FileUrl, Size,
 * MediaType, UserData}}`, Status "Success" or "Fail", Size a string; our Extend rides in UserData.
 */
export function readImsEvent(raw: unknown): ReadEvent {
  const body = object(raw, '(body)');
  const type = text(body, 'EventType');
  const provider = IMS.id;
  if (type !== 'FileUploadComplete') return { provider, type, ignored: true };
  const message: Json = object(body.MessageBody, 'MessageBody');
  const mediaId = text(message, 'MediaId');
  return {
    provider,
    type,
    uploadId: uploadIdOf(embeddedObject(message.UserData)?.Extend),
    providerId: { field: 'mediaId', id: mediaId },
    outcome: {
      status: text(message, 'Status').toLowerCase() === 'success' ? 'uploaded' : 'failed',
      mediaId,
      size: optionalSize(message, 'Size'),
      fileUrl: optionalText(message, 'FileUrl'),
    },
  };
}
