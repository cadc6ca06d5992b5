import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '@app/auth';
import { ApiJsonBody } from '@app/common';
import { ProtectedUpload } from '@app/protection';
import { ApplyUploadService } from './apply-upload.service';
import { CommitUploadService } from './commit-upload.service';
import { ApplyTencentVodUploadDto } from './dto/apply-tencent-vod-upload.dto';
import { CreateTencentVodUploadSignatureDto } from './dto/create-tencent-vod-upload-signature.dto';
import { TencentVodCommitDto } from './dto/tencent-vod-commit.dto';
import { TencentVodUploadSignatureDto } from './dto/tencent-vod-upload-signature.dto';
import { TencentVodUploadDto } from './dto/tencent-vod-upload.dto';
import { APPLY_TENCENT_VOD_UPLOAD_EXAMPLES } from './dto/apply-tencent-vod-upload.dto';
import { CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES } from './dto/create-tencent-vod-upload-signature.dto';
import { TENCENT_VOD_COMMIT_EXAMPLE } from './dto/tencent-vod-commit.dto';
import { TENCENT_VOD_UPLOAD_EXAMPLE } from './dto/tencent-vod-upload.dto';
import { TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE } from './dto/tencent-vod-upload-signature.dto';
import { UploadSignatureService } from './upload-signature.service';

@ApiTags('tencent-vod')
@Controller('v1/uploads/tencent-vod')
export class TencentVodController {
  constructor(
    private readonly applyUpload: ApplyUploadService,
    private readonly commitUpload: CommitUploadService,
    private readonly signatures: UploadSignatureService,
  ) {}

  @Post('media')
  @ProtectedUpload('tencent-vod-media', { idempotent: true })
  @ApiOperation({
    operationId: 'applyTencentVodUpload',
    summary: 'Start a media upload to Tencent Cloud VOD (ApplyUpload): COS bucket, object keys and a temporary certificate.',
  })
  @ApiJsonBody(ApplyTencentVodUploadDto, APPLY_TENCENT_VOD_UPLOAD_EXAMPLES)
  @ApiCreatedResponse({
    type: TencentVodUploadDto,
    description: 'Upload to COS with these, then commit with `uploadId`.',
    example: TENCENT_VOD_UPLOAD_EXAMPLE,
  })
  apply(@CurrentUser() user: Principal, @Body() body: ApplyTencentVodUploadDto): Promise<TencentVodUploadDto> {
    return this.applyUpload.apply(user, body);
  }

  @Post('media/:uploadId/commit')
  @ProtectedUpload('tencent-vod-commit', {
    problems: [
      404,
      [409, 'Another commit of this upload is still running; see Retry-After.'],
      [410, 'The upload session expired (or Tencent no longer knows it), or the upload was revoked; apply again.'],
      [422, 'Tencent Cloud VOD found nothing to commit: finish uploading the media (and cover) first.'],
    ],
  })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'commitTencentVodUpload',
    summary: 'Confirm an uploaded media file (CommitUpload). Exactly once: repeats return the first result. No body.',
  })
  @ApiParam({ name: 'uploadId', description: 'The `uploadId` from applyTencentVodUpload.', example: 'upl_3q2-7wAbQ0mHk1x9ZcVn4A' })
  @ApiOkResponse({ type: TencentVodCommitDto, description: 'The media is stored in VOD.', example: TENCENT_VOD_COMMIT_EXAMPLE })
  commit(@CurrentUser() user: Principal, @Param('uploadId') uploadId: string): Promise<TencentVodCommitDto> {
    return this.commitUpload.commit(user, uploadId);
  }

  @Post('signatures')
  @ProtectedUpload('tencent-vod-signature', {
    // The next signature of an open upload costs no quota unit; the service refuses an uploadId that is not one.
    quotaExempt: (body) => typeof (body as { uploadId?: unknown } | undefined)?.uploadId === 'string',
    problems: [
      [404, 'No open signature session of yours has this uploadId.'],
      [409, 'The upload is complete, or it has had all its signatures: start a new upload.'],
      [410, 'The upload was revoked; nothing more is issued for it.'],
    ],
  })
  @ApiOperation({
    operationId: 'createTencentVodUploadSignature',
    summary: 'A client upload signature for vod-js-sdk-v6 (getSignature) and TXUGCPublish. The body is optional.',
    description:
      'Without `uploadId`: a new upload (one daily-quota unit) and its first signature. With the `uploadId` of that answer: ' +
      'the next signature of the same upload, free, up to TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD. An `Idempotency-Key` is ' +
      'ignored here: a one-time signature must never be handed out twice.',
  })
  @ApiJsonBody(CreateTencentVodUploadSignatureDto, CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES, { required: false })
  @ApiCreatedResponse({
    type: TencentVodUploadSignatureDto,
    description: 'Hand `signature` to the upload SDK.',
    example: TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLE,
  })
  sign(@CurrentUser() user: Principal, @Body() body: CreateTencentVodUploadSignatureDto): Promise<TencentVodUploadSignatureDto> {
    return this.signatures.create(user, body);
  }
}
