import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { OpenApiExamples } from '@app/common';
import { TencentVodProcessingDto } from '../../../vod/tencent-vod-processing.dto';

/** A client upload signature: the body is optional; the server sets everything but these choices. */
export class CreateTencentVodUploadSignatureDto extends TencentVodProcessingDto {
  @ApiPropertyOptional({
    description:
      'The `uploadId` of a signature you got for this upload: a fresh signature for the same upload (the SDK asks before each ' +
      'of its calls), without a new upload or a quota unit. Leave it out to start a new upload.',
    example: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  })
  @IsOptional()
  @IsString()
  @Matches(/^upl_[A-Za-z0-9_-]{22}$/, { message: 'uploadId must be an uploadId this service issued' })
  uploadId?: string;
}

export const CREATE_TENCENT_VOD_UPLOAD_SIGNATURE_EXAMPLES = {
  defaults: {
    summary: "A new upload with no choices: the deployment's task flow and category (sending no body at all is the same)",
    value: {},
  },
  withProcedure: {
    summary: 'A new upload with an allowed task flow and category, and a context for its callback',
    value: { procedure: 'transcode-hd', classId: 0, sessionContext: 'campaign=spring' },
  },
} satisfies OpenApiExamples<CreateTencentVodUploadSignatureDto>;
