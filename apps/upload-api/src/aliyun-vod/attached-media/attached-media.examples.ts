import type { OpenApiExamples } from '@app/common';
import type { AttachedMediaUploadDto } from './dto/attached-media-upload.dto';
import type { CreateUploadAttachedMediaDto } from './dto/create-upload-attached-media.dto';

// From the CreateUploadAttachedMedia seed (request parameters and JSON success response).

export const CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES = {
  watermark: {
    summary: 'A watermark, with the values of the CreateUploadAttachedMedia documentation',
    value: {
      businessType: 'watermark',
      mediaExt: 'png',
      title: 'Test',
      fileName: 'D:\\test.png',
      fileSize: 123,
      description: 'uploadTest',
      tags: ['tag1', 'tag2'],
      cateIds: [1000036, 1000037],
    },
  },
  subtitle: {
    summary: 'A WebVTT subtitle, required fields only',
    value: { businessType: 'subtitle', mediaExt: 'vtt' },
  },
} satisfies OpenApiExamples<CreateUploadAttachedMediaDto>;

export const ATTACHED_MEDIA_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  mediaId: '97dc17a5a*****bc3668489b84ce9',
  mediaUrl: 'http://sample.com/watermark/****.mov?auth_key=****',
  fileUrl: 'https://sample.oss-cn-shanghai.aliyuncs.com/watermark/****.mov',
  uploadAddress: 'LWNuLXNoYW5*****naGFpLmFsaXl1b',
  uploadAuth: 'UzFnUjFxNkZ0NUI*****ZTaklyNWJoQ00zdHF',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '73254DE5-F260-47*****20-D06856B63C01',
} satisfies AttachedMediaUploadDto;
