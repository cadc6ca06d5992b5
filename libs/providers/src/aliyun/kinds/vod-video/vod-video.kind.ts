import { validationProblem } from '@app/common';
import { referenceIdFor } from '@app/protection';
import type { KindSpec } from '@app/registry';
import { created, defineKind, ok, UPLOAD_PROBLEMS } from '@app/uploads';
import { VOD } from '../../aliyun.products';
import { aliyunProblems, CREATE_UPLOAD_VIDEO, REFRESH_UPLOAD_VIDEO } from '../../client';
import { CREATE_UPLOAD_VIDEO_EXAMPLES, CreateUploadVideoDto } from './dto/create-upload-video.dto';
import { VIDEO_REFRESH_EXAMPLE, VIDEO_UPLOAD_EXAMPLE, VideoUploadDto } from './dto/video-upload.dto';
import { VideosService } from './videos.service';

const VIDEO: KindSpec = { id: 'aliyun-vod-video', product: VOD, permission: 'upload:video', quota: 50, callsUpstream: true };
const VIDEO_REFRESH: KindSpec = { id: 'aliyun-vod-video-refresh', product: VOD, permission: 'upload:video', callsUpstream: true };

/** VOD CreateUploadVideo: a new video (or audio) file. */
export const VOD_VIDEO = defineKind({
  spec: VIDEO,
  issuer: VideosService,
  // The provider deduplicates a retry too, even after our own idempotency record is gone.
  issue: (videos, { user, body, idempotencyKey }) =>
    videos.create(VIDEO, user, body, idempotencyKey && referenceIdFor(user.id, idempotencyKey)),
  route: {
    path: 'aliyun-vod/videos',
    idempotent: true,
    invalid: validationProblem('the request body `{"title":" ","fileName":"clip.mp4"}`', [
      { field: 'title', message: 'title must not be empty or blank' },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_VIDEO),
    operationId: 'createAliyunVodVideoUpload',
    summary: 'Upload address and credential for a new video or audio file (VOD CreateUploadVideo).',
    body: { type: CreateUploadVideoDto, examples: CREATE_UPLOAD_VIDEO_EXAMPLES },
    answer: created(VideoUploadDto, 'The video is created; upload with uploadAddress and uploadAuth.', VIDEO_UPLOAD_EXAMPLE),
  },
});

/** VOD RefreshUploadVideo: a fresh credential for the owner's video. */
export const VOD_VIDEO_REFRESH = defineKind({
  spec: VIDEO_REFRESH,
  issuer: VideosService,
  issue: (videos, { user, param }) => videos.refresh(VIDEO, user, param),
  route: {
    path: 'aliyun-vod/videos/:videoId/refresh',
    upstream: aliyunProblems(REFRESH_UPLOAD_VIDEO),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.completed, UPLOAD_PROBLEMS.revoked],
    operationId: 'refreshAliyunVodVideoUpload',
    summary: 'A fresh upload credential for your video (VOD RefreshUploadVideo). No body.',
    param: { name: 'videoId', description: 'A video id this service issued to you.', example: '93ab850b4f6f54b6e91d24d81d44****' },
    answer: ok(VideoUploadDto, 'The same uploadAddress with a fresh uploadAuth.', VIDEO_REFRESH_EXAMPLE),
  },
});
