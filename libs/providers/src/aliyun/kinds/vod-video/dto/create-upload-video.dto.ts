import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { TagList } from '../../../credential';
import { ALIYUN, OUR_LIMITS, VOD_VIDEO, VOD_VIDEO_FILE_EXTENSIONS } from '../../../aliyun.facts';
import { HasExtensionIn, IsNotBlank, MaxChars, MaxUtf8Bytes, NoEmojiOrControl, type OpenApiExamples } from '@app/common';

const RESOURCE_ID = ALIYUN.RESOURCE_ID_PATTERN;

/** CreateUploadVideo (video or audio). The video API counts title, description and tags in characters. */
export class CreateUploadVideoDto {
  @ApiProperty({
    description: `Title shown in the VOD console: 1-${VOD_VIDEO.TITLE_MAX_CHARS} characters, no emoji or control characters.`,
    example: 'UploadTest',
    maxLength: VOD_VIDEO.TITLE_MAX_CHARS,
  })
  @IsString()
  @IsNotBlank()
  @MaxChars(VOD_VIDEO.TITLE_MAX_CHARS)
  @NoEmojiOrControl()
  title: string;

  @ApiProperty({
    description: `Name or path of the source file. Its extension (any case) must be one of: ${VOD_VIDEO_FILE_EXTENSIONS.join(', ')}.`,
    example: 'D:\\video_01.mp4',
  })
  @IsString()
  @IsNotBlank()
  @MaxUtf8Bytes(OUR_LIMITS.FILE_NAME_MAX_BYTES)
  @NoEmojiOrControl()
  @HasExtensionIn(VOD_VIDEO_FILE_EXTENSIONS)
  fileName: string;

  @ApiPropertyOptional({
    description: 'Size of the source file in bytes, up to the maximum this service allows.',
    example: 123,
    minimum: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fileSize?: number;

  @ApiPropertyOptional({
    description: `At most ${VOD_VIDEO.DESCRIPTION_MAX_CHARS} characters; line breaks allowed, no emoji or other control characters.`,
    example: 'UploadTest',
    maxLength: VOD_VIDEO.DESCRIPTION_MAX_CHARS,
  })
  @IsOptional()
  @IsString()
  @MaxChars(VOD_VIDEO.DESCRIPTION_MAX_CHARS)
  @NoEmojiOrControl({ allowLineBreaks: true })
  description?: string;

  @ApiPropertyOptional({
    description: 'http(s) URL of a custom cover image.',
    example: 'https://example.aliyundoc.com/image/D22F553TEST.jpeg',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxUtf8Bytes(OUR_LIMITS.COVER_URL_MAX_BYTES)
  coverUrl?: string;

  @ApiPropertyOptional({ description: 'Category id, one of those this service offers.', example: 1000036 })
  @IsOptional()
  @IsInt()
  @Min(1)
  cateId?: number;

  @TagList({ max: VOD_VIDEO.TAGS_MAX, each: { chars: VOD_VIDEO.TAG_MAX_CHARS } })
  tags?: string[];

  @ApiPropertyOptional({
    description: "Transcoding template group, one of those this service offers; default: the service's.",
    example: '405477f9e214d19ea2c7c8541a2b3c4d',
  })
  @IsOptional()
  @IsString()
  @Matches(RESOURCE_ID, { message: 'templateGroupId must be 1-64 letters, digits, "_" or "-"' })
  templateGroupId?: string;

  @ApiPropertyOptional({
    description: 'Workflow, one of those this service offers; takes precedence over the template group.',
    example: '613efff3887ec34af685714cc4615e6f',
  })
  @IsOptional()
  @IsString()
  @Matches(RESOURCE_ID, { message: 'workflowId must be 1-64 letters, digits, "_" or "-"' })
  workflowId?: string;
}

// From the request parameters of the CreateUploadVideo seed. The seed's
// server-owned parameters (AppId, StorageLocation, UserData, ReferenceId) are not ours to send.
export const CREATE_UPLOAD_VIDEO_EXAMPLES = {
  video: {
    summary: 'A video, with the values of the CreateUploadVideo documentation',
    value: {
      title: 'UploadTest',
      fileName: 'D:\\video_01.mp4',
      fileSize: 123,
      description: 'UploadTest',
      coverUrl: 'https://example.aliyundoc.com/image/D22F553TEST.jpeg',
      cateId: 1000036,
      tags: ['tag1', 'tag2'],
    },
  },
  audio: {
    summary: 'An audio file, required fields only',
    value: { title: 'Interview', fileName: 'interview.mp3' },
  },
} satisfies OpenApiExamples<CreateUploadVideoDto>;
