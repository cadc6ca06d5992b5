import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import {
  ANY_EXTENSION,
  ICE_EXTENSIONS,
  ICE_EXTENSIONS_BY_BUSINESS_TYPE,
  ICE_FILE_TYPES,
  ICE_MEDIA,
  type IceFileType,
} from '../../../aliyun.facts';
import { IsNotBlank, LowerCase, MaxChars, NoEmojiOrControl, ownEntry } from '@app/common';

/** Set by CreateUploadMediaDto on its fileInfo: the sibling mediaMetaData.businessType (a symbol, so no field). */
export const BUSINESS_TYPE = Symbol('mediaMetaData.businessType');

/** The extensions a file of this type (narrowed by its business type) may have; undefined while the type is invalid. */
export function extensionsFor(type: unknown, businessType: unknown): readonly string[] | 'any' | undefined {
  if (!ICE_FILE_TYPES.includes(type as IceFileType)) return undefined;
  return ownEntry(ICE_EXTENSIONS_BY_BUSINESS_TYPE, businessType) ?? ICE_EXTENSIONS[type as IceFileType];
}

function ExtensionForType(): PropertyDecorator {
  return ValidateBy({
    name: 'extensionForType',
    validator: {
      validate(value, args) {
        const file = args!.object as ImsFileInfoDto;
        const allowed = extensionsFor(file.type, file[BUSINESS_TYPE]);
        if (typeof value !== 'string' || allowed === undefined) return false;
        return allowed === 'any' ? ANY_EXTENSION.test(value) : Array.isArray(allowed) && allowed.includes(value);
      },
      defaultMessage(args) {
        const file = args!.object as ImsFileInfoDto;
        const allowed = extensionsFor(file.type, file[BUSINESS_TYPE]);
        if (allowed === undefined) return 'ext cannot be checked until type is valid';
        if (allowed === 'any') return 'ext must be 1-10 lower-case letters or digits';
        const narrowed = ICE_EXTENSIONS_BY_BUSINESS_TYPE[String(file[BUSINESS_TYPE])]
          ? ` and businessType ${String(file[BUSINESS_TYPE])}`
          : '';
        return `ext must be one of ${allowed.join(', ')} for type ${file.type}${narrowed}`;
      },
    },
  });
}

function NameWithoutExtension(): PropertyDecorator {
  return ValidateBy({
    name: 'nameWithoutExtension',
    validator: {
      validate: (value, args) => {
        const ext = (args!.object as ImsFileInfoDto).ext;
        return typeof value !== 'string' || typeof ext !== 'string' || !value.toLowerCase().endsWith(`.${ext}`);
      },
      defaultMessage: () => 'name must not include the extension; send it in ext',
    },
  });
}

/** FileInfo of CreateUploadMedia: Type, Name (without extension), Size, Ext (seed). */
export class ImsFileInfoDto {
  @ApiProperty({ enum: ICE_FILE_TYPES, example: 'video' })
  @IsIn(ICE_FILE_TYPES)
  type: IceFileType;

  @ApiProperty({ description: `File name without its extension, 1-${ICE_MEDIA.FILE_NAME_MAX_CHARS} characters.`, example: 'test' })
  @IsString()
  @IsNotBlank()
  @MaxChars(ICE_MEDIA.FILE_NAME_MAX_CHARS)
  @NoEmojiOrControl()
  @NameWithoutExtension()
  name: string;

  @ApiProperty({
    description:
      'Extension (any case) valid for the type: video and audio as VOD accepts them, image png/jpg/jpeg/gif/heic, ' +
      'text srt/ass/stl/ttml/vtt (subtitles) or ttf/otf/ttc (font), other any (watermark: png/gif/apng/mov).',
    example: 'mp4',
  })
  @LowerCase()
  @IsString()
  @ExtensionForType()
  ext: string;

  @ApiPropertyOptional({ description: 'Size in bytes, up to the maximum this service allows.', example: 108078336, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  size?: number;

  [BUSINESS_TYPE]?: unknown;
}
