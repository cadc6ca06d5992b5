import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { HasExtensionIn, IsNotBlank, MaxUtf8Bytes, NoEmojiOrControl, type OpenApiExamples } from '@app/common';
import { OUR_LIMITS, VOD_AUDIO_EXTENSIONS } from '../../aliyun.facts';
import { CreateUploadVideoDto } from '../vod-video/dto/create-upload-video.dto';
import { VIDEO_REFRESH_EXAMPLE, VIDEO_UPLOAD_EXAMPLE, VideoUploadDto } from '../vod-video/dto/video-upload.dto';

/** CreateUploadVideo for an audio file: the video's fields, with only the audio extensions VOD documents. */
export class CreateUploadAudioDto extends OmitType(CreateUploadVideoDto, ['fileName'] as const) {
  @ApiProperty({
    description: `Name or path of the audio file. Its extension (any case) must be one of: ${VOD_AUDIO_EXTENSIONS.join(', ')}.`,
    example: 'interview.mp3',
  })
  @IsString()
  @IsNotBlank()
  @MaxUtf8Bytes(OUR_LIMITS.FILE_NAME_MAX_BYTES)
  @NoEmojiOrControl()
  @HasExtensionIn(VOD_AUDIO_EXTENSIONS)
  fileName: string;
}

/** What the VOD upload SDKs need for an audio file; VOD names its id a video id. */
export class AudioUploadDto extends VideoUploadDto {}

export const CREATE_UPLOAD_AUDIO_EXAMPLES = {
  audio: {
    summary: 'An audio file, with a description and tags',
    value: { title: 'Interview', fileName: 'interview.mp3', fileSize: 4718592, description: 'The full interview', tags: ['podcast'] },
  },
  minimal: { summary: 'Required fields only', value: { title: 'Voice memo', fileName: 'memo.m4a' } },
} satisfies OpenApiExamples<CreateUploadAudioDto>;

export const AUDIO_UPLOAD_EXAMPLE = VIDEO_UPLOAD_EXAMPLE satisfies AudioUploadDto;
export const AUDIO_REFRESH_EXAMPLE = VIDEO_REFRESH_EXAMPLE satisfies AudioUploadDto;
