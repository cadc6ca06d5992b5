import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CREATE_UPLOAD_VIDEO, REFRESH_UPLOAD_VIDEO, aliyunProblems } from '@app/aliyun';
import { CurrentUser, type Principal } from '@app/auth';
import { validationProblem } from '@app/common';
import { IdempotencyKey, referenceIdFor } from '@app/protection';
import { UPLOAD_PROBLEMS } from '../../uploads/upload-problems';
import { UploadRoute } from '../../uploads/upload-route.decorator';
import { CREATE_UPLOAD_VIDEO_EXAMPLES, CreateUploadVideoDto } from './dto/create-upload-video.dto';
import { VIDEO_REFRESH_EXAMPLE, VIDEO_UPLOAD_EXAMPLE, VideoUploadDto } from './dto/video-upload.dto';
import { VideosService } from './videos.service';

@ApiTags('aliyun-vod')
@Controller('v1/uploads/aliyun-vod/videos')
export class VideosController {
  constructor(private readonly videos: VideosService) {}

  @UploadRoute({
    kind: 'aliyun-vod-video',
    idempotent: true,
    invalid: validationProblem('the request body `{"title":" ","fileName":"clip.mp4"}`', [
      { field: 'title', message: 'title must not be empty or blank' },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_VIDEO),
    operationId: 'createAliyunVodVideoUpload',
    summary: 'Upload address and credential for a new video or audio file (VOD CreateUploadVideo).',
    body: { type: CreateUploadVideoDto, examples: CREATE_UPLOAD_VIDEO_EXAMPLES },
    answer: {
      status: 201,
      type: VideoUploadDto,
      description: 'The video is created; upload with uploadAddress and uploadAuth.',
      example: VIDEO_UPLOAD_EXAMPLE,
    },
  })
  create(
    @CurrentUser() user: Principal,
    @Body() body: CreateUploadVideoDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<VideoUploadDto> {
    // The provider deduplicates a retry too, even after our own idempotency record is gone.
    return this.videos.create(user, body, idempotencyKey && referenceIdFor(user.id, idempotencyKey));
  }

  @UploadRoute({
    kind: 'aliyun-vod-video-refresh',
    path: ':videoId/refresh',
    upstream: aliyunProblems(REFRESH_UPLOAD_VIDEO),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.revoked],
    operationId: 'refreshAliyunVodVideoUpload',
    summary: 'A fresh upload credential for your video (VOD RefreshUploadVideo). No body.',
    param: { name: 'videoId', description: 'A video id this service issued to you.', example: '93ab850b4f6f54b6e91d24d81d44****' },
    answer: {
      status: 200,
      type: VideoUploadDto,
      description: 'The same uploadAddress with a fresh uploadAuth.',
      example: VIDEO_REFRESH_EXAMPLE,
    },
  })
  refresh(@CurrentUser() user: Principal, @Param('videoId') videoId: string): Promise<VideoUploadDto> {
    return this.videos.refresh(user, videoId);
  }
}
