import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { TENCENT_VOD_COVER_TYPES, TENCENT_VOD_MEDIA_NAME_MAX_CHARS, TENCENT_VOD_MEDIA_TYPES } from '../../../tencent.facts';
import { TencentVodProcessingDto } from '../../../vod/tencent-vod-processing.dto';
import { IsFutureDateTime, LowerCase, MaxChars, type OpenApiExamples } from '@app/common';

/** An offset is required: a time without one means a different instant to Tencent than to the client. */
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** ApplyUpload: the client describes its file; SubAppId, storage and SourceContext belong to the server. */
export class ApplyTencentVodUploadDto extends TencentVodProcessingDto {
  @ApiProperty({
    description: 'File type of the media: a video or audio extension, any case.',
    enum: TENCENT_VOD_MEDIA_TYPES,
    example: 'mp4',
  })
  // Tencent documents the types in upper case and its examples send lower case: accept either, send lower.
  @LowerCase()
  @IsString()
  @IsIn(TENCENT_VOD_MEDIA_TYPES, { message: `mediaType must be one of the video or audio types ${TENCENT_VOD_MEDIA_TYPES.join(', ')}` })
  mediaType: string;

  @ApiPropertyOptional({ description: 'Media name.', minLength: 1, maxLength: TENCENT_VOD_MEDIA_NAME_MAX_CHARS, example: 'Spring launch' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxChars(TENCENT_VOD_MEDIA_NAME_MAX_CHARS)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'mediaName must not contain control characters' })
  mediaName?: string;

  @ApiPropertyOptional({
    description: 'File type of the cover image, when a cover is uploaded too.',
    enum: TENCENT_VOD_COVER_TYPES,
    example: 'jpg',
  })
  @IsOptional()
  @LowerCase()
  @IsString()
  @IsIn(TENCENT_VOD_COVER_TYPES, { message: `coverType must be one of ${TENCENT_VOD_COVER_TYPES.join(', ')}` })
  coverType?: string;

  @ApiPropertyOptional({
    description: 'When Tencent Cloud VOD deletes the media: ISO 8601 with a time zone, in the future.',
    format: 'date-time',
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_TIME_WITH_ZONE, { message: 'expireTime must be an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00Z' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'expireTime must be a real calendar date-time' })
  @IsFutureDateTime()
  expireTime?: string;
}

// The input example of the ApplyUpload seed (SubAppId stays on the server), and a fuller one.
export const APPLY_TENCENT_VOD_UPLOAD_EXAMPLES = {
  media: {
    summary: "The ApplyUpload input example: an mp4 (SubAppId is the server's)",
    value: { mediaType: 'mp4' },
  },
  withCover: {
    summary: 'A named mp4 with a jpg cover, an expiry and an allowed task flow',
    value: {
      mediaType: 'mp4',
      mediaName: 'Spring launch',
      coverType: 'jpg',
      expireTime: '2030-01-01T00:00:00Z',
      procedure: 'transcode-hd',
      classId: 0,
      sessionContext: 'campaign=spring',
    },
  },
} satisfies OpenApiExamples<ApplyTencentVodUploadDto>;
