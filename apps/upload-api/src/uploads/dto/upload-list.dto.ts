import { ApiProperty } from '@nestjs/swagger';
import { UPLOAD_EXAMPLE, UploadDto } from './upload.dto';

export class UploadListDto {
  @ApiProperty({ type: [UploadDto], description: 'Your uploads, newest first.' })
  items: UploadDto[];

  @ApiProperty({
    description: 'Pass as `cursor` for the next page; null when there is none. Opaque.',
    type: String,
    nullable: true,
    example: 'MTc3NDk0NzYwMDAwMC51cGxfM3EybUQ0djFRYjZ4WTBhWjlrTHc4QQ',
  })
  nextCursor: string | null;
}

export const UPLOAD_LIST_EXAMPLE = {
  items: [UPLOAD_EXAMPLE],
  nextCursor: 'MTc3NDk0NzYwMDAwMC51cGxfM3EybUQ0djFRYjZ4WTBhWjlrTHc4QQ',
} satisfies UploadListDto;
