import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { ALIYUN } from '../../../aliyun.facts';
import { BUSINESS_TYPE, ImsFileInfoDto } from './ims-file-info.dto';
import { FILE_TYPE, ImsMediaMetaDataDto } from './ims-media-meta-data.dto';
import type { OpenApiExamples } from '@app/common';

const RESOURCE_ID = ALIYUN.RESOURCE_ID_PATTERN;

/**
 * Each nested object is validated on its own, but businessType depends on fileInfo.type and ext on
 * businessType. Once class-transformer has built the nested instances, each gets its sibling's
 * value under a symbol key: invisible to whitelisting and serialisation, readable by the validators,
 * and the errors still name the dotted field (mediaMetaData.businessType, fileInfo.ext).
 */
type PlainBody = { mediaMetaData?: { businessType?: unknown }; fileInfo?: { type?: unknown } };

const withSibling =
  (key: symbol, read: (plain: PlainBody) => unknown) =>
  ({ value, obj }: { value: unknown; obj: PlainBody }) => {
    if (value !== null && typeof value === 'object') (value as Record<symbol, unknown>)[key] = read(obj);
    return value;
  };

/** CreateUploadMedia: structured JSON here; the service serialises the JSON strings the API takes. */
export class CreateUploadMediaDto {
  @ApiProperty({ type: ImsFileInfoDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ImsFileInfoDto)
  @Transform(withSibling(BUSINESS_TYPE, (plain) => plain.mediaMetaData?.businessType))
  fileInfo: ImsFileInfoDto;

  @ApiProperty({ type: ImsMediaMetaDataDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ImsMediaMetaDataDto)
  @Transform(withSibling(FILE_TYPE, (plain) => plain.fileInfo?.type))
  mediaMetaData: ImsMediaMetaDataDto;

  @ApiPropertyOptional({ description: 'An IMS entity (dynamic metadata structure) id.', example: '9e177cac2fb44f8b8c67b199fcc7bffd' })
  @IsOptional()
  @IsString()
  @Matches(RESOURCE_ID, { message: 'entityId must be 1-64 letters, digits, "_" or "-"' })
  entityId?: string;

  @ApiPropertyOptional({
    description: "Post-processing workflow for video and audio, one of those this service offers; default: the service's.",
    example: '74ba870f1a4873a3ba238e0bf6fa9***',
  })
  @IsOptional()
  @IsString()
  @Matches(RESOURCE_ID, { message: 'workflowId must be 1-64 letters, digits, "_" or "-"' })
  workflowId?: string;
}

// From the CreateUploadMedia seed: its MediaMetaData example (a cover image).
export const CREATE_UPLOAD_MEDIA_EXAMPLES = {
  video: {
    summary: 'An opening video',
    value: {
      fileInfo: { type: 'video', name: 'test', ext: 'mp4', size: 108078336 },
      mediaMetaData: { title: 'UploadTest', description: 'UploadImageTest', tags: ['tag1', 'tag2'], businessType: 'opening' },
    },
  },
  cover: {
    summary: 'A cover image, with the MediaMetaData of the CreateUploadMedia documentation',
    value: {
      fileInfo: { type: 'image', name: 'cover', ext: 'jpg' },
      mediaMetaData: { title: 'UploadTest', description: 'UploadImageTest', tags: ['tag1', 'tag2'], businessType: 'cover' },
    },
  },
} satisfies OpenApiExamples<CreateUploadMediaDto>;
