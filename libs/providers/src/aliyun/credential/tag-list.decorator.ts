import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { IsNotBlank, MaxChars, MaxUtf8Bytes, NoComma, NoEmojiOrControl } from '@app/common';

export interface TagListLimits {
  max: number;
  /** Each tag's limit, in UTF-8 bytes or in characters, as the operation's document counts it. */
  each: { bytes: number } | { chars: number };
  example?: string[];
}

/**
 * Alibaba's Tags rules, the same for every operation but for the numbers: at most `max` tags,
 * each non-blank, within its limit, without commas (the provider joins them with commas), and
 * without the emoji or control characters it answers IllegalCharacters for.
 */
export function TagList(limits: TagListLimits): PropertyDecorator {
  const [perTag, unit] =
    'bytes' in limits.each
      ? [MaxUtf8Bytes(limits.each.bytes, { each: true }), `${limits.each.bytes} bytes of UTF-8`]
      : [MaxChars(limits.each.chars, { each: true }), `${limits.each.chars} characters`];
  return applyDecorators(
    ApiPropertyOptional({
      description: `At most ${limits.max} tags of at most ${unit} each, without commas, emoji or control characters.`,
      example: limits.example ?? ['tag1', 'tag2'],
      type: [String],
      maxItems: limits.max,
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(limits.max),
    IsString({ each: true }),
    IsNotBlank({ each: true }),
    perTag,
    NoComma({ each: true }),
    NoEmojiOrControl({ each: true }),
  );
}
