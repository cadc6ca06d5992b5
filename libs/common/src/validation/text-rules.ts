/** Pure checks behind the validators; the emulator uses them too, so they stay free of decorators. */

/** UTF-8 length, as the providers count "bytes". */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Unicode code points, as the providers count "characters" (an emoji is one, not two). */
export function charCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

// Extended_Pictographic: emoji proper; astral code points: 4-byte UTF-8, which the provider's
// IllegalCharacters ("illegal emoticon or special characters") is there to keep out; lone
// surrogates: not encodable as UTF-8 at all; Cc: control characters.
const EMOJI_OR_ASTRAL = /[\p{Extended_Pictographic}\u{10000}-\u{10FFFF}\p{Cs}\uFE0F\u200D]/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

export function hasEmojiOrControl(value: string, allowLineBreaks = false): boolean {
  return EMOJI_OR_ASTRAL.test(value) || (allowLineBreaks ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value);
}

/** The lower-cased extension after the last dot of the last path segment (`D:\a\b.MP4` → `mp4`). */
export function fileExtension(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return base.slice(dot + 1).toLowerCase();
}
