import { type Json, object, optionalSize, optionalText, type ReadEvent, text } from '@app/uploads';
import { TENCENT_VOD } from '../tencent.products';
import { uploadIdOfSourceContext } from '../vod/tencent-vod.policy';

/**
 * Tencent's NewFileUpload (a PUSH callback body, or one event of PullEvents without its handle):
 * `FileUploadEvent.FileId`, `MediaBasicInfo.MediaUrl` and `MediaBasicInfo.SourceInfo.SourceContext`.
 */
export function readTencentEvent(raw: unknown): ReadEvent {
  const body = object(raw, '(body)');
  const type = text(body, 'EventType');
  const provider = TENCENT_VOD.id;
  if (type !== 'NewFileUpload') return { provider, type, ignored: true };
  const upload: Json = object(body.FileUploadEvent, 'FileUploadEvent');
  const fileId = text(upload, 'FileId');
  const info: Json = object(upload.MediaBasicInfo ?? {}, 'FileUploadEvent.MediaBasicInfo');
  const source: Json = object(info.SourceInfo ?? {}, 'FileUploadEvent.MediaBasicInfo.SourceInfo');
  const metaData: Json = object(upload.MetaData ?? {}, 'FileUploadEvent.MetaData');
  return {
    provider,
    type,
    uploadId: uploadIdOfSourceContext(optionalText(source, 'SourceContext')),
    providerId: { field: 'fileId', id: fileId },
    outcome: { status: 'uploaded', fileId, size: optionalSize(metaData, 'Size'), fileUrl: optionalText(info, 'MediaUrl') },
  };
}
