import { validationProblem } from '@app/common';
import type { KindSpec } from '@app/registry';
import { created, defineKind } from '@app/uploads';
import { VOD } from '../../aliyun.products';
import { aliyunProblems, CREATE_UPLOAD_ATTACHED_MEDIA } from '../../client';
import { AttachedMediaService } from './attached-media.service';
import { ATTACHED_MEDIA_UPLOAD_EXAMPLE, AttachedMediaUploadDto } from './dto/attached-media-upload.dto';
import { CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES, CreateUploadAttachedMediaDto } from './dto/create-upload-attached-media.dto';

const ATTACHED_MEDIA: KindSpec = {
  id: 'aliyun-vod-attached-media',
  product: VOD,
  permission: 'upload:attached-media',
  quota: 100,
  callsUpstream: true,
};

/** VOD CreateUploadAttachedMedia: a watermark, subtitle or material file (not refreshable). */
export const VOD_ATTACHED_MEDIA = defineKind({
  spec: ATTACHED_MEDIA,
  issuer: AttachedMediaService,
  issue: (attachedMedia, { user, body }) => attachedMedia.create(ATTACHED_MEDIA, user, body),
  route: {
    path: 'aliyun-vod/attached-media',
    idempotent: true,
    invalid: validationProblem('the request body `{"businessType":"watermark","mediaExt":"mp4"}`', [
      { field: 'mediaExt', message: 'mediaExt must be one of png, gif, apng, mov when businessType is watermark' },
    ]),
    upstream: aliyunProblems(CREATE_UPLOAD_ATTACHED_MEDIA),
    operationId: 'createAliyunVodAttachedMediaUpload',
    summary: 'Upload address and credential for a watermark, subtitle or material file (VOD CreateUploadAttachedMedia). Not refreshable.',
    body: { type: CreateUploadAttachedMediaDto, examples: CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES },
    answer: created(
      AttachedMediaUploadDto,
      'The media is created; upload with uploadAddress and uploadAuth.',
      ATTACHED_MEDIA_UPLOAD_EXAMPLE,
    ),
  },
});
