import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { TagList } from '../../../credential';
import { OUR_LIMITS, VOD_IMAGE, VOD_IMAGE_EXTENSIONS, VOD_IMAGE_TYPES } from '../../../aliyun.facts';
import { HasExtensionIn, IsNotBlank, LowerCase, MaxUtf8Bytes, NoEmojiOrControl, type OpenApiExamples } from '@app/common';

/** CreateUploadImage. The image API counts title, description and tags in UTF-8 bytes. */
export class CreateUploadImageDto {
  @ApiProperty({
    description: 'default, or cover (only default images are managed in the VOD console).',
    enum: VOD_IMAGE_TYPES,
    example: 'default',
  })
  @IsIn(VOD_IMAGE_TYPES)
  imageType: (typeof VOD_IMAGE_TYPES)[number];

  @ApiPropertyOptional({
    description: 'Extension of the image (any case); default png. webp is not offered (see the constants file).',
    enum: VOD_IMAGE_EXTENSIONS,
    example: 'png',
  })
  @IsOptional()
  @LowerCase()
  @IsIn(VOD_IMAGE_EXTENSIONS)
  imageExt?: (typeof VOD_IMAGE_EXTENSIONS)[number];

  @ApiPropertyOptional({
    description: `At most ${VOD_IMAGE.TITLE_MAX_BYTES} bytes of UTF-8 (a CJK character is 3), no emoji or control characters.`,
    example: 'mytitle',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxUtf8Bytes(VOD_IMAGE.TITLE_MAX_BYTES)
  @NoEmojiOrControl()
  title?: string;

  @ApiPropertyOptional({
    description: `At most ${VOD_IMAGE.DESCRIPTION_MAX_BYTES} bytes of UTF-8; line breaks allowed.`,
    example: 'Image upload test',
  })
  @IsOptional()
  @IsString()
  @MaxUtf8Bytes(VOD_IMAGE.DESCRIPTION_MAX_BYTES)
  @NoEmojiOrControl({ allowLineBreaks: true })
  description?: string;

  @TagList({ max: VOD_IMAGE.TAGS_MAX, each: { bytes: VOD_IMAGE.TAG_MAX_BYTES }, example: ['Test'] })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Category id, one of those this service offers.', example: 1000036 })
  @IsOptional()
  @IsInt()
  @Min(1)
  cateId?: number;

  @ApiPropertyOptional({
    description: `The file's original name; its extension must be one of ${VOD_IMAGE_EXTENSIONS.join(', ')}.`,
    example: 'cover.png',
  })
  @IsOptional()
  @IsString()
  @MaxUtf8Bytes(OUR_LIMITS.FILE_NAME_MAX_BYTES)
  @NoEmojiOrControl()
  @HasExtensionIn(VOD_IMAGE_EXTENSIONS)
  originalFileName?: string;
}

// From the request parameters and the sample request of the CreateUploadImage seed.
export const CREATE_UPLOAD_IMAGE_EXAMPLES = {
  image: {
    summary: 'An image, with the values of the CreateUploadImage documentation',
    value: {
      imageType: 'default',
      imageExt: 'png',
      title: 'mytitle',
      description: 'Image upload test',
      tags: ['Test'],
      cateId: 1000036,
      originalFileName: 'cover.png',
    },
  },
  minimal: {
    summary: 'The sample request: only the image type',
    value: { imageType: 'default' },
  },
} satisfies OpenApiExamples<CreateUploadImageDto>;
