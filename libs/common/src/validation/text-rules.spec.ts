import { charCount, fileExtension, hasEmojiOrControl, utf8Bytes } from './text-rules';

describe('text rules', () => {
  it('counts UTF-8 bytes and code points', () => {
    expect(utf8Bytes('题'.repeat(43))).toBe(129);
    expect(charCount('题'.repeat(43))).toBe(43);
    expect(charCount('𠮷')).toBe(1);
  });

  it.each([
    ['an emoji', true, 'party 🎉'],
    ['a keycap/flag-style sequence', true, '1️⃣'],
    ['a heart with variation selector', true, '❤️'],
    ['a CJK extension B ideograph (4-byte UTF-8)', true, '𠮷'],
    ['a lone surrogate', true, 'a\ud800b'],
    ['NUL', true, 'a\u0000b'],
    ['DEL', true, 'a\u007fb'],
    ['a line break', true, 'a\nb'],
    ['plain ASCII', false, 'Upload test_01 (v2).'],
    ['Chinese, Japanese and accents', false, '上传测试 アップロード café'],
  ])('%s: refused %s', (_case, refused, value) => {
    expect(hasEmojiOrControl(value)).toBe(refused);
  });

  it('lets line breaks and tabs through where they are allowed, and nothing else', () => {
    expect(hasEmojiOrControl('line one\r\n\tline two', true)).toBe(false);
    expect(hasEmojiOrControl('bell\u0007', true)).toBe(true);
  });

  it.each([
    ['D:\\video_01.MP4', 'mp4'],
    ['/home/a.b/clip.tar.gz', 'gz'],
    ['clip', undefined],
    ['.hidden', undefined],
    ['trailing.', undefined],
    ['dir.v2/clip', undefined],
  ])('finds the extension of %s', (name, ext) => {
    expect(fileExtension(name)).toBe(ext);
  });
});
