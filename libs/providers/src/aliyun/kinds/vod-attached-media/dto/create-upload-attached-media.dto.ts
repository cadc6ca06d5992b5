import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { TagList } from '../../../credential';
import {
  OUR_LIMITS,
  type VodAttachedMediaBusinessType,
  VOD_ATTACHED_MEDIA,
  VOD_ATTACHED_MEDIA_BUSINESS_TYPES,
  VOD_ATTACHED_MEDIA_EXTENSIONS,
} from '../../../aliyun.facts';
import {
  HasExtensionIn,
  IsNotBlank,
  IsOneOfFor,
  LowerCase,
  MaxUtf8Bytes,
  NoEmojiOrControl,
  type OpenApiExamples,
  ownEntry,
} from '@app/common';

const extensionsFor = (businessType: unknown) => ownEntry(VOD_ATTACHED_MEDIA_EXTENSIONS, businessType);
const EXTENSION_LIST = Object.entries(VOD_ATTACHED_MEDIA_EXTENSIONS)
  .map(([type, extensions]) => `${type}: ${extensions.join(', ')}`)
  .join('; ');

/** CreateUploadAttachedMedia: watermarks, subtitles, material. Title, description and tags count UTF-8 bytes. */
export class CreateUploadAttachedMediaDto {
  @ApiProperty({ enum: VOD_ATTACHED_MEDIA_BUSINESS_TYPES, example: 'watermark' })
  @IsIn(VOD_ATTACHED_MEDIA_BUSINESS_TYPES)
  businessType: VodAttachedMediaBusinessType;

  @ApiProperty({ description: `File extension (any case), valid for the business type: ${EXTENSION_LIST}.`, example: 'png' })
  @LowerCase()
  @IsString()
  @IsOneOfFor((dto) => dto.businessType, 'businessType', extensionsFor)
  mediaExt: string;

  @ApiPropertyOptional({
    description: `At most ${VOD_ATTACHED_MEDIA.TITLE_MAX_BYTES} bytes of UTF-8, no emoji or control characters.`,
    example: 'Test',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxUtf8Bytes(VOD_ATTACHED_MEDIA.TITLE_MAX_BYTES)
  @NoEmojiOrControl()
  title?: string;

  @ApiPropertyOptional({
    description: 'Name of the source file; its extension must be valid for the business type.',
    example: 'D:\\test.png',
  })
  @IsOptional()
  @IsString()
  @MaxUtf8Bytes(OUR_LIMITS.FILE_NAME_MAX_BYTES)
  @NoEmojiOrControl()
  @HasExtensionIn((dto) => extensionsFor(dto.businessType))
  fileName?: string;

  @ApiPropertyOptional({ description: 'Size in bytes, up to the maximum this service allows.', example: 123, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fileSize?: number;

  @ApiPropertyOptional({
    description: `At most ${VOD_ATTACHED_MEDIA.DESCRIPTION_MAX_BYTES} bytes of UTF-8; line breaks allowed.`,
    example: 'uploadTest',
  })
  @IsOptional()
  @IsString()
  @MaxUtf8Bytes(VOD_ATTACHED_MEDIA.DESCRIPTION_MAX_BYTES)
  @NoEmojiOrControl({ allowLineBreaks: true })
  description?: string;

  @TagList({ max: VOD_ATTACHED_MEDIA.TAGS_MAX, each: { bytes: VOD_ATTACHED_MEDIA.TAG_MAX_BYTES } })
  tags?: string[];

  @ApiPropertyOptional({
    description: `At most ${VOD_ATTACHED_MEDIA.CATE_IDS_MAX} category ids, each one this service offers.`,
    example: [1000036, 1000037],
    type: [Number],
    maxItems: VOD_ATTACHED_MEDIA.CATE_IDS_MAX,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(VOD_ATTACHED_MEDIA.CATE_IDS_MAX)
  @IsInt({ each: true })
  @Min(1, { each: true })
  cateIds?: number[];
}

// From the request parameters of the CreateUploadAttachedMedia seed.
export const CREATE_UPLOAD_ATTACHED_MEDIA_EXAMPLES = {
  watermark: {
    summary: 'A watermark, with the values of the CreateUploadAttachedMedia documentation',
    value: {
      businessType: 'watermark',
      mediaExt: 'png',
      title: 'Test',
      fileName: 'D:\\test.png',
      fileSize: 123,
      description: 'uploadTest',
      tags: ['tag1', 'tag2'],
      cateIds: [1000036, 1000037],
    },
  },
  subtitle: {
    summary: 'A WebVTT subtitle, required fields only',
    value: { businessType: 'subtitle', mediaExt: 'vtt' },
  },
} satisfies OpenApiExamples<CreateUploadAttachedMediaDto>;
