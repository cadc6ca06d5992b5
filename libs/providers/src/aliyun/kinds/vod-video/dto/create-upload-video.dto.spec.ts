import { invalidFields, invalidMessages } from '@app/testing';
import { CreateUploadVideoDto } from './create-upload-video.dto';

const VALID = { title: 'UploadTest', fileName: 'D:\\video_01.mp4' };
const tags = (count: number) => Array.from({ length: count }, (_, i) => `tag${i}`);

describe(CreateUploadVideoDto.name, () => {
  it('accepts the seed example and every optional field', async () => {
    expect(await invalidFields(CreateUploadVideoDto, VALID)).toEqual([]);
    expect(
      await invalidFields(CreateUploadVideoDto, {
        ...VALID,
        fileSize: 123,
        description: 'Line one\nline two',
        coverUrl: 'https://example.aliyundoc.com/image/D22F553TEST.jpeg',
        cateId: 1000036,
        tags: ['tag1', 'tag2'],
        templateGroupId: '405477f9e214d19ea2c7c854aaaa',
        workflowId: '613efff3887ec34af685714cc461',
      }),
    ).toEqual([]);
  });

  it.each([
    ['title missing', { fileName: 'a.mp4' }, 'title'],
    ['title empty', { ...VALID, title: '' }, 'title'],
    ['title blank', { ...VALID, title: '   ' }, 'title'],
    ['title not a string', { ...VALID, title: 42 }, 'title'],
    ['title of 129 characters', { ...VALID, title: 'a'.repeat(129) }, 'title'],
    ['title of 129 CJK characters', { ...VALID, title: '题'.repeat(129) }, 'title'],
    ['title with an emoji', { ...VALID, title: 'party 🎉' }, 'title'],
    ['title with a control character', { ...VALID, title: 'a\u0000b' }, 'title'],
    ['title with a line break', { ...VALID, title: 'a\nb' }, 'title'],
    ['fileName missing', { title: 't' }, 'fileName'],
    ['fileName without extension', { ...VALID, fileName: 'video' }, 'fileName'],
    ['fileName with a non-video extension', { ...VALID, fileName: 'notes.txt' }, 'fileName'],
    ['fileName ending in a dot', { ...VALID, fileName: 'video.' }, 'fileName'],
    ['fileName with an emoji', { ...VALID, fileName: '🎬.mp4' }, 'fileName'],
    ['fileName over 1,024 bytes', { ...VALID, fileName: `${'a'.repeat(1021)}.mp4` }, 'fileName'],
    ['fileSize zero', { ...VALID, fileSize: 0 }, 'fileSize'],
    ['fileSize negative', { ...VALID, fileSize: -5 }, 'fileSize'],
    ['fileSize fractional', { ...VALID, fileSize: 1.5 }, 'fileSize'],
    ['fileSize a string', { ...VALID, fileSize: '123' }, 'fileSize'],
    ['description of 1,025 characters', { ...VALID, description: 'd'.repeat(1025) }, 'description'],
    ['description with an emoji', { ...VALID, description: 'nice 😀' }, 'description'],
    ['coverUrl not a URL', { ...VALID, coverUrl: 'cover.jpg' }, 'coverUrl'],
    ['coverUrl with another scheme', { ...VALID, coverUrl: 'ftp://example.com/a.jpg' }, 'coverUrl'],
    ['cateId not an integer', { ...VALID, cateId: 'abc' }, 'cateId'],
    ['cateId zero', { ...VALID, cateId: 0 }, 'cateId'],
    ['tags not an array', { ...VALID, tags: 'tag1,tag2' }, 'tags'],
    ['17 tags', { ...VALID, tags: tags(17) }, 'tags'],
    ['a tag of 33 characters', { ...VALID, tags: ['x'.repeat(33)] }, 'tags'],
    ['a tag with a comma', { ...VALID, tags: ['a,b'] }, 'tags'],
    ['a tag with a full-width comma', { ...VALID, tags: ['a，b'] }, 'tags'],
    ['an empty tag', { ...VALID, tags: [''] }, 'tags'],
    ['a tag with an emoji', { ...VALID, tags: ['🔥'] }, 'tags'],
    ['a tag that is not a string', { ...VALID, tags: [1] }, 'tags'],
    ['templateGroupId with spaces', { ...VALID, templateGroupId: 'a b' }, 'templateGroupId'],
    ['workflowId too long', { ...VALID, workflowId: 'w'.repeat(65) }, 'workflowId'],
    ['an unknown field', { ...VALID, appId: 'app-1' }, 'appId'],
    ['a server-owned field', { ...VALID, storageLocation: 'outin-x.oss-cn-shanghai.aliyuncs.com' }, 'storageLocation'],
  ])('refuses %s, naming the field', async (_case, body, field) => {
    expect(await invalidFields(CreateUploadVideoDto, body)).toContain(field);
  });

  it('counts the title in characters, as the video API does: 128 CJK characters pass', async () => {
    expect(await invalidFields(CreateUploadVideoDto, { ...VALID, title: '题'.repeat(128), tags: ['标'.repeat(32)] })).toEqual([]);
  });

  it('accepts 16 tags and any case of a listed extension, audio included', async () => {
    expect(await invalidFields(CreateUploadVideoDto, { ...VALID, tags: tags(16), fileName: '/tmp/CLIP.MOV' })).toEqual([]);
    expect(await invalidFields(CreateUploadVideoDto, { ...VALID, fileName: 'song.flac' })).toEqual([]);
  });

  it('says which rule was broken', async () => {
    const messages = await invalidMessages(CreateUploadVideoDto, { ...VALID, title: 'a'.repeat(129), tags: ['a,b'] });
    expect(messages).toEqual(
      expect.arrayContaining(['title: title must be at most 128 characters', 'tags: each value in tags must not contain commas']),
    );
  });
});
