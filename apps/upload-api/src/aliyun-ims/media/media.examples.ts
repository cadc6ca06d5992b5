import type { OpenApiExamples } from '@app/common';
import type { CreateUploadMediaDto } from './dto/create-upload-media.dto';
import type { ImsMediaRefreshDto, ImsMediaUploadDto } from './dto/ims-media-upload.dto';

// From the CreateUploadMedia seed: its MediaMetaData example (a cover image) and its JSON success
// response. The seed's UploadAuth decodes to an AccessKey pair, so ours is cut before any key.

export const CREATE_UPLOAD_MEDIA_EXAMPLES = {
  video: {
    summary: 'An opening video',
    value: {
      fileInfo: { type: 'video', name: 'test', ext: 'mp4', size: 108078336 },
      mediaMetaData: { title: 'UploadTest', description: 'UploadImageTest', tags: ['tag1', 'tag2'], businessType: 'opening' },
    },
  },
  cover: {
    summary: 'A cover image, with the MediaMetaData of the CreateUploadMedia documentation',
    value: {
      fileInfo: { type: 'image', name: 'cover', ext: 'jpg' },
      mediaMetaData: { title: 'UploadTest', description: 'UploadImageTest', tags: ['tag1', 'tag2'], businessType: 'cover' },
    },
  },
} satisfies OpenApiExamples<CreateUploadMediaDto>;

/** IMS returned an empty MediaURL (no CDN domain), so mediaUrl is absent. */
export const IMS_MEDIA_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  mediaId: '****20b48fb04483915d4f2cd8ac****',
  fileUrl: 'http://outin-***',
  uploadAddress: 'eyJFbmRwb2ludCI6Imh0dHBzOi8vb3NzLWNuLXNoYW5naGFpLmFsaXl1bmNzLmNvbSIsIkJ1Y2tldCI6InN6aGQtdmlkZW8i***',
  uploadAuth: 'eyJBY2Nlc3NLZXlJZCI6IlNUUy4***',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '4E84BE44-58A7-****-****-FBEBEA16EF94',
} satisfies ImsMediaUploadDto;

/** RefreshUploadMedia: the same media and address, a fresh credential; no URLs. */
export const IMS_MEDIA_REFRESH_EXAMPLE = {
  uploadId: IMS_MEDIA_UPLOAD_EXAMPLE.uploadId,
  mediaId: IMS_MEDIA_UPLOAD_EXAMPLE.mediaId,
  uploadAddress: IMS_MEDIA_UPLOAD_EXAMPLE.uploadAddress,
  uploadAuth: 'eyJBY2Nlc3NLZXlJZCI6IlNUUy5O***',
  expiresAt: '2026-03-31T11:40:00Z',
  requestId: '******11-DB8D-4A9A-875B-275798******',
} satisfies ImsMediaRefreshDto;
