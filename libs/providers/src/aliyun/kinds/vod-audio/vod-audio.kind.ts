import { validationProblem } from '@app/common';
import { referenceIdFor } from '@app/protection';
import type { KindSpec } from '@app/registry';
import { created, defineKind, ok, UPLOAD_PROBLEMS } from '@app/uploads';
import { VOD } from '../../aliyun.products';
import { aliyunProblems, CREATE_UPLOAD_VIDEO, REFRESH_UPLOAD_VIDEO } from '../../client';
import { VideosService } from '../vod-video/videos.service';
import {
  AUDIO_REFRESH_EXAMPLE,
  AUDIO_UPLOAD_EXAMPLE,
  AudioUploadDto,
  CREATE_UPLOAD_AUDIO_EXAMPLES,
  CreateUploadAudioDto,
} from './vod-audio.dto';

const AUDIO: KindSpec = { id: 'aliyun-vod-audio', product: VOD, permission: 'upload:audio', quota: 50, callsUpstream: true };
const AUDIO_REFRESH: KindSpec = { id: 'aliyun-vod-audio-refresh', product: VOD, permission: 'upload:audio', callsUpstream: true };

/** VOD CreateUploadVideo for an audio file: the same API as a video, its own permission, quota and limits. */
export const VOD_AUDIO = defineKind({
  spec: AUDIO,
  issuer: VideosService,
  // The provider deduplicates a retry too, even after our own idempotency record is gone.
  issue: (videos, { user, body, idempotencyKey }) =>
    videos.create(AUDIO, user, body, idempotencyKey && referenceIdFor(user.id, idempotencyKey)),
  route: {
    path: 'aliyun-vod/audios',
    idempotent: true,
    invalid: validationProblem('the request body `{"title":"Interview","fileName":"clip.mp4"}`', [
      {
        field: 'fileName',
        message: 'fileName must end in one of the extensions mp3, wma, wav, aac, ra, m4a, flac, ape, ac3, amr, caf, acm',
      },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_VIDEO),
    operationId: 'createAliyunVodAudioUpload',
    summary: 'Upload address and credential for a new audio file (VOD CreateUploadVideo).',
    body: { type: CreateUploadAudioDto, examples: CREATE_UPLOAD_AUDIO_EXAMPLES },
    answer: created(
      AudioUploadDto,
      'The audio is created (VOD calls its id videoId); upload with uploadAddress and uploadAuth.',
      AUDIO_UPLOAD_EXAMPLE,
    ),
  },
});

/** VOD RefreshUploadVideo for the owner's audio file. */
export const VOD_AUDIO_REFRESH = defineKind({
  spec: AUDIO_REFRESH,
  issuer: VideosService,
  issue: (videos, { user, param }) => videos.refresh(AUDIO, user, param),
  route: {
    path: 'aliyun-vod/audios/:videoId/refresh',
    upstream: aliyunProblems(REFRESH_UPLOAD_VIDEO),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.completed, UPLOAD_PROBLEMS.revoked],
    operationId: 'refreshAliyunVodAudioUpload',
    summary: 'A fresh upload credential for your audio file (VOD RefreshUploadVideo). No body.',
    param: {
      name: 'videoId',
      description: 'The videoId of an audio upload this service issued to you.',
      example: '93ab850b4f6f54b6e91d24d81d44****',
    },
    answer: ok(AudioUploadDto, 'The same uploadAddress with a fresh uploadAuth.', AUDIO_REFRESH_EXAMPLE),
  },
});
