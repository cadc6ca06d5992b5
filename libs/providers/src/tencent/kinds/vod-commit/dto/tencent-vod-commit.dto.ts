import { ApiProperty } from '@nestjs/swagger';

// Examples from the CommitUpload output example (266/31766).
export class TencentVodCommitDto {
  @ApiProperty({ description: 'Tencent Cloud VOD FileId of the media.', example: '24820810452266399' })
  fileId: string;

  @ApiProperty({
    description: 'Playback URL; null when Tencent returns none.',
    type: String,
    nullable: true,
    example: 'http://example.com/6c0f1c00vodgzp251000333/dee2125c24820810452266399/f0.mp4',
  })
  mediaUrl: string | null;

  @ApiProperty({
    description: 'Cover URL; null without a cover.',
    type: String,
    nullable: true,
    example: 'http://example.com/6c0f1c00vodgzp251000333/dee2125c24820810452266399/24820810452266400.jpg',
  })
  coverUrl: string | null;

  @ApiProperty({
    description: "Tencent Cloud's RequestId of the CommitUpload call (the same on every repeat).",
    example: '880f3005-a8c9-4bba-8c87-74e216a17a0b',
  })
  requestId: string;
}

export const TENCENT_VOD_COMMIT_EXAMPLE = {
  fileId: '24820810452266399',
  mediaUrl: 'http://example.com/6c0f1c00vodgzp251000333/dee2125c24820810452266399/f0.mp4',
  coverUrl: 'http://example.com/6c0f1c00vodgzp251000333/dee2125c24820810452266399/24820810452266400.jpg',
  requestId: '880f3005-a8c9-4bba-8c87-74e216a17a0b',
} satisfies TencentVodCommitDto;
