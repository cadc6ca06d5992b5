import { validationProblem } from '@app/common';
import type { KindSpec } from '@app/registry';
import { created, defineKind } from '@app/uploads';
import { APPLY_UPLOAD, tencentProblems } from '../../client';
import { TENCENT_VOD } from '../../tencent.products';
import { ApplyUploadService } from './apply-upload.service';
import { APPLY_TENCENT_VOD_UPLOAD_EXAMPLES, ApplyTencentVodUploadDto } from './dto/apply-tencent-vod-upload.dto';
import { TENCENT_VOD_UPLOAD_EXAMPLE, TencentVodUploadDto } from './dto/tencent-vod-upload.dto';

/** A media upload by ApplyUpload: the one a commit completes. */
export const MEDIA: KindSpec = {
  id: 'tencent-vod-media',
  product: TENCENT_VOD,
  permission: 'upload:video',
  quota: 50,
  callsUpstream: true,
};

/** VOD ApplyUpload: COS bucket, object keys and a temporary certificate; the session key stays with us. */
export const VOD_MEDIA = defineKind({
  spec: MEDIA,
  issuer: ApplyUploadService,
  issue: (applyUpload, { user, body }) => applyUpload.apply(MEDIA, user, body),
  route: {
    path: 'tencent-vod/media',
    idempotent: true,
    invalid: validationProblem('the request body `{"mediaType":"mp4","coverType":"mp4"}`', [
      { field: 'coverType', message: 'coverType must be one of jpg, jpeg, png, gif, bmp, tiff, ai, cdr, eps' },
    ]),
    upstream: tencentProblems(APPLY_UPLOAD),
    operationId: 'applyTencentVodUpload',
    summary: 'Start a media upload to Tencent Cloud VOD (ApplyUpload): COS bucket, object keys and a temporary certificate.',
    body: { type: ApplyTencentVodUploadDto, examples: APPLY_TENCENT_VOD_UPLOAD_EXAMPLES },
    answer: created(TencentVodUploadDto, 'Upload to COS with these, then commit with `uploadId`.', TENCENT_VOD_UPLOAD_EXAMPLE),
  },
});
