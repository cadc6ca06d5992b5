import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Min } from 'class-validator';
import { TagList } from '../../../credential';
import { ICE_ALL_BUSINESS_TYPES, ICE_BUSINESS_TYPES, ICE_MEDIA } from '../../../aliyun.facts';
import { IsNotBlank, IsOneOfFor, MaxChars, MaxUtf8Bytes, NoEmojiOrControl, ownEntry } from '@app/common';

/** Set by CreateUploadMediaDto on its mediaMetaData: the sibling fileInfo.type (a symbol, so no field). */
export const FILE_TYPE = Symbol('fileInfo.type');

const PAIRS = Object.entries(ICE_BUSINESS_TYPES)
  .map(([type, businessTypes]) => `${type}: ${businessTypes.join(', ')}`)
  .join('; ');

/** MediaMetaData of CreateUploadMedia. The seed counts title and description in characters; tags follow the ICE data types (bytes). */
export class ImsMediaMetaDataDto {
  @ApiProperty({ description: `1-${ICE_MEDIA.TITLE_MAX_CHARS} characters, no emoji or control characters.`, example: 'UploadTest' })
  @IsString()
  @IsNotBlank()
  @MaxChars(ICE_MEDIA.TITLE_MAX_CHARS)
  @NoEmojiOrControl()
  title: string;

  @ApiPropertyOptional({
    description: `At most ${ICE_MEDIA.DESCRIPTION_MAX_CHARS} characters; line breaks allowed.`,
    example: 'UploadImageTest',
  })
  @IsOptional()
  @IsString()
  @MaxChars(ICE_MEDIA.DESCRIPTION_MAX_CHARS)
  @NoEmojiOrControl({ allowLineBreaks: true })
  description?: string;

  @TagList({ max: ICE_MEDIA.TAGS_MAX, each: { bytes: ICE_MEDIA.TAG_MAX_BYTES } })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Category id, one of those this service offers.', example: 1000036 })
  @IsOptional()
  @IsInt()
  @Min(1)
  cateId?: number;

  @ApiProperty({ description: `Valid for fileInfo.type: ${PAIRS}.`, enum: ICE_ALL_BUSINESS_TYPES, example: 'opening' })
  @IsIn(ICE_ALL_BUSINESS_TYPES)
  @IsOneOfFor((meta) => meta[FILE_TYPE as never], 'fileInfo.type', (type) => ownEntry(ICE_BUSINESS_TYPES, type))
  businessType: string;

  @ApiPropertyOptional({
    description: `http(s) URL of a cover image, at most ${ICE_MEDIA.COVER_URL_MAX_BYTES} bytes.`,
    example: 'https://example.aliyundoc.com/cover.jpg',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxUtf8Bytes(ICE_MEDIA.COVER_URL_MAX_BYTES)
  coverUrl?: string;

  [FILE_TYPE]?: unknown;
}
