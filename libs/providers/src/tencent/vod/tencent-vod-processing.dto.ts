import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS } from '../tencent.facts';
import { MaxChars } from '@app/common';

/**
 * What happens after the upload: the client may name a task flow or category only from the
 * deployment's allowlists (checked by the policy, which knows them); otherwise the server's apply.
 */
export class TencentVodProcessingDto {
  @ApiPropertyOptional({
    description: 'Task flow (Procedure) to run after the upload. Only names the deployment allows; the server default otherwise.',
    example: 'transcode-hd',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  procedure?: string;

  @ApiPropertyOptional({
    description: 'Category (ClassId). Only ids the deployment allows; the server default otherwise.',
    type: 'integer',
    example: 0,
    minimum: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  classId?: number;

  @ApiPropertyOptional({
    description: 'Passed through to the task flow state-change callback (SessionContext).',
    maxLength: TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS,
    example: 'campaign=spring',
  })
  @IsOptional()
  @IsString()
  @MaxChars(TENCENT_VOD_SESSION_CONTEXT_MAX_CHARS)
  sessionContext?: string;
}
