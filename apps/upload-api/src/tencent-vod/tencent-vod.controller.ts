import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { validationProblem } from '@app/common';
import { APPLY_UPLOAD, COMMIT_UPLOAD, tencentProblems } from '@app/tencent';
import { UPLOAD_PROBLEMS } from '../uploads/upload-problems';
import { UploadRoute } from '../uploads/upload-route.decorator';
import { ApplyUploadService } from './apply-upload.service';
import { CommitUploadService } from './commit-upload.service';
import { APPLY_TENCENT_VOD_UPLOAD_EXAMPLES, ApplyTencentVodUploadDto } from './dto/apply-tencent-vod-upload.dto';
import {
  CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES,
  CreateTencentVodUploadSignatureDto,
} from './dto/create-tencent-vod-upload-signature.dto';
import { TENCENT_VOD_COMMIT_EXAMPLE, TencentVodCommitDto } from './dto/tencent-vod-commit.dto';
import { TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE, TencentVodUploadSignatureDto } from './dto/tencent-vod-upload-signature.dto';
import { TENCENT_VOD_UPLOAD_EXAMPLE, TencentVodUploadDto } from './dto/tencent-vod-upload.dto';
import { UploadSignatureService } from './upload-signature.service';

@ApiTags('tencent-vod')
@Controller('v1/uploads/tencent-vod')
export class TencentVodController {
  constructor(
    private readonly applyUpload: ApplyUploadService,
    private readonly commitUpload: CommitUploadService,
    private readonly signatures: UploadSignatureService,
  ) {}

  @UploadRoute({
    kind: 'tencent-vod-media',
    path: 'media',
    idempotent: true,
    invalid: validationProblem('the request body `{"mediaType":"mp4","coverType":"mp4"}`', [
      { field: 'coverType', message: 'coverType must be one of jpg, jpeg, png, gif, bmp, tiff, ai, cdr, eps' },
    ]),
    upstream: tencentProblems(APPLY_UPLOAD),
    operationId: 'applyTencentVodUpload',
    summary: 'Start a media upload to Tencent Cloud VOD (ApplyUpload): COS bucket, object keys and a temporary certificate.',
    body: { type: ApplyTencentVodUploadDto, examples: APPLY_TENCENT_VOD_UPLOAD_EXAMPLES },
    answer: {
      status: 201,
      type: TencentVodUploadDto,
      description: 'Upload to COS with these, then commit with `uploadId`.',
      example: TENCENT_VOD_UPLOAD_EXAMPLE,
    },
  })
  apply(@CurrentUser() user: Principal, @Body() body: ApplyTencentVodUploadDto): Promise<TencentVodUploadDto> {
    return this.applyUpload.apply(user, body);
  }

  @UploadRoute({
    kind: 'tencent-vod-commit',
    path: 'media/:uploadId/commit',
    upstream: tencentProblems(COMMIT_UPLOAD),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.commitRunning, UPLOAD_PROBLEMS.revoked, UPLOAD_PROBLEMS.sessionExpired],
    operationId: 'commitTencentVodUpload',
    summary: 'Confirm an uploaded media file (CommitUpload). Exactly once: repeats return the first result. No body.',
    param: { name: 'uploadId', description: 'The `uploadId` from applyTencentVodUpload.', example: 'upl_3q2-7wAbQ0mHk1x9ZcVn4A' },
    answer: { status: 200, type: TencentVodCommitDto, description: 'The media is stored in VOD.', example: TENCENT_VOD_COMMIT_EXAMPLE },
  })
  commit(@CurrentUser() user: Principal, @Param('uploadId') uploadId: string): Promise<TencentVodCommitDto> {
    return this.commitUpload.commit(user, uploadId);
  }

  @UploadRoute({
    kind: 'tencent-vod-signature',
    path: 'signatures',
    // The next signature of an open upload costs no quota unit; the service refuses an uploadId that is not one.
    quotaExempt: (body) => typeof (body as { uploadId?: unknown } | undefined)?.uploadId === 'string',
    invalid: validationProblem('the request body `{"uploadId":"upl_x"}`', [
      { field: 'uploadId', message: 'uploadId must be an uploadId this service issued' },
    ]),
    problems: [UPLOAD_PROBLEMS.notFound, UPLOAD_PROBLEMS.completedNoSignature, UPLOAD_PROBLEMS.signaturesUsedUp, UPLOAD_PROBLEMS.revoked],
    operationId: 'createTencentVodUploadSignature',
    summary: 'A client upload signature for vod-js-sdk-v6 (getSignature) and TXUGCPublish. The body is optional.',
    description:
      'Without `uploadId`: a new upload (one daily-quota unit) and its first signature. With the `uploadId` of that answer: ' +
      'the next signature of the same upload, free, up to TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD. An `Idempotency-Key` is ' +
      'ignored here: a one-time signature must never be handed out twice.',
    body: { type: CreateTencentVodUploadSignatureDto, examples: CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES, required: false },
    answer: {
      status: 201,
      type: TencentVodUploadSignatureDto,
      description: 'Hand `signature` to the upload SDK.',
      example: TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE,
    },
  })
  sign(@CurrentUser() user: Principal, @Body() body: CreateTencentVodUploadSignatureDto): Promise<TencentVodUploadSignatureDto> {
    return this.signatures.create(user, body);
  }
}
