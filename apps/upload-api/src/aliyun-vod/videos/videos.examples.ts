import type { OpenApiExamples } from '@app/common';
import type { CreateUploadVideoDto } from './dto/create-upload-video.dto';
import type { VideoUploadDto } from './dto/video-upload.dto';

// From the CreateUploadVideo seed (request parameters and JSON success response). The seed's
// server-owned parameters (AppId, StorageLocation, UserData, ReferenceId) are not ours to send.

export const CREATE_UPLOAD_VIDEO_EXAMPLES = {
  video: {
    summary: 'A video, with the values of the CreateUploadVideo documentation',
    value: {
      title: 'UploadTest',
      fileName: 'D:\\video_01.mp4',
      fileSize: 123,
      description: 'UploadTest',
      coverUrl: 'https://example.aliyundoc.com/image/D22F553TEST.jpeg',
      cateId: 1000036,
      tags: ['tag1', 'tag2'],
    },
  },
  audio: {
    summary: 'An audio file, required fields only',
    value: { title: 'Interview', fileName: 'interview.mp3' },
  },
} satisfies OpenApiExamples<CreateUploadVideoDto>;

export const VIDEO_UPLOAD_EXAMPLE = {
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  videoId: '93ab850b4f6f54b6e91d24d81d44****',
  uploadAddress: 'eyJTZWN1cml0a2VuIjoiQ0FJU3p3TjF****',
  uploadAuth: 'eyJFbmRwb2ludCI6Imm****',
  expiresAt: '2026-03-31T10:50:00Z',
  requestId: '25818875-5F78-4AF6-04D5-D7393642****',
} satisfies VideoUploadDto;

/** RefreshUploadVideo: the same video and address, a fresh credential and expiry. */
export const VIDEO_REFRESH_EXAMPLE = {
  ...VIDEO_UPLOAD_EXAMPLE,
  uploadAuth: 'eyJBY2Nlc3NLZXlJZCI6IlNUUy4****',
  expiresAt: '2026-03-31T11:40:00Z',
  requestId: '4B5A8D4B-7C3E-4F1A-9B2D-1E0F6A7C****',
} satisfies VideoUploadDto;
