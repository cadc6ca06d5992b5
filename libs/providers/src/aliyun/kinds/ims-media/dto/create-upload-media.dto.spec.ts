import { ICE_ALL_BUSINESS_TYPES, ICE_FILE_TYPES } from '../../../aliyun.facts';
import { invalidFields, invalidMessages } from '@app/testing';
import { CreateUploadMediaDto } from './create-upload-media.dto';

/** A valid extension for each type (and business type where it narrows the list). */
const EXT: Record<string, string> = { video: 'mp4', image: 'png', audio: 'mp3', text: 'srt', other: 'bin' };
const extFor = (type: string, businessType: string) => ({ font: 'ttf', subtitles: 'vtt', watermark: 'apng' })[businessType] ?? EXT[type];
const body = (fileInfo: object = {}, mediaMetaData: object = {}, extra: object = {}) => ({
  fileInfo: { type: 'video', name: 'test', ext: 'mp4', size: 108078336, ...fileInfo },
  mediaMetaData: { title: 'UploadTest', businessType: 'opening', ...mediaMetaData },
  ...extra,
});

describe(CreateUploadMediaDto.name, () => {
  it('accepts the seed example with every optional field', async () => {
    expect(
      await invalidFields(
        CreateUploadMediaDto,
        body(
          {},
          { description: 'UploadImageTest', tags: ['tag1', 'tag2'], cateId: 1000036, coverUrl: 'https://example.aliyundoc.com/c.jpg' },
          { entityId: '9e177cac2fb44f8b8c67b199fcc7bffd', workflowId: 'wf_1' },
        ),
      ),
    ).toEqual([]);
  });

  /** Our reading of the seed's list, written out here so a change to the constants shows up. */
  const ALLOWED: Record<string, string[]> = {
    video: ['opening', 'ending', 'general'],
    image: ['default', 'cover', 'general'],
    audio: ['general'],
    text: ['subtitles', 'font'],
    other: ['watermark', 'general'],
  };
  const pairs = ICE_FILE_TYPES.flatMap((type) =>
    ICE_ALL_BUSINESS_TYPES.map((businessType) => [type, businessType, ALLOWED[type].includes(businessType)] as const),
  );

  it.each(pairs)('type %s with businessType %s: allowed %s', async (type, businessType, allowed) => {
    const fields = await invalidFields(CreateUploadMediaDto, body({ type, ext: extFor(type, businessType) }, { businessType }));
    if (allowed) expect(fields).toEqual([]);
    else expect(fields).toEqual(['mediaMetaData.businessType']);
  });

  it.each([
    ['fileInfo missing', { mediaMetaData: { title: 't', businessType: 'general' } }, 'fileInfo'],
    ['fileInfo a JSON string (structured JSON is expected)', { ...body(), fileInfo: '{"Type":"video"}' }, 'fileInfo'],
    ['mediaMetaData missing', { fileInfo: body().fileInfo }, 'mediaMetaData'],
    ['fileInfo.type unknown', body({ type: 'movie' }), 'fileInfo.type'],
    ['fileInfo.name missing', body({ name: undefined }), 'fileInfo.name'],
    ['fileInfo.name with its extension', body({ name: 'clip.mp4' }), 'fileInfo.name'],
    ['fileInfo.name with an emoji', body({ name: 'clip🎬' }), 'fileInfo.name'],
    ['fileInfo.ext missing', body({ ext: undefined }), 'fileInfo.ext'],
    ['fileInfo.ext of another type', body({ ext: 'png' }), 'fileInfo.ext'],
    ['an image ext for audio', body({ type: 'audio', ext: 'jpg' }, { businessType: 'general' }), 'fileInfo.ext'],
    ['a subtitle ext for a font', body({ type: 'text', ext: 'srt' }, { businessType: 'font' }), 'fileInfo.ext'],
    ['a font ext for subtitles', body({ type: 'text', ext: 'ttf' }, { businessType: 'subtitles' }), 'fileInfo.ext'],
    ['a video ext for a watermark', body({ type: 'other', ext: 'mp4' }, { businessType: 'watermark' }), 'fileInfo.ext'],
    ['an ext with a dot for other', body({ type: 'other', ext: 'tar.gz' }, { businessType: 'general' }), 'fileInfo.ext'],
    ['fileInfo.size zero', body({ size: 0 }), 'fileInfo.size'],
    ['fileInfo with an unknown field', body({ path: '/tmp' }), 'fileInfo.path'],
    ['mediaMetaData.title missing', body({}, { title: undefined }), 'mediaMetaData.title'],
    ['mediaMetaData.title of 129 characters', body({}, { title: '题'.repeat(129) }), 'mediaMetaData.title'],
    ['mediaMetaData.description of 1,025 characters', body({}, { description: 'd'.repeat(1025) }), 'mediaMetaData.description'],
    ['17 tags', body({}, { tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }), 'mediaMetaData.tags'],
    ['a tag of 11 CJK characters = 33 bytes', body({}, { tags: ['标'.repeat(11)] }), 'mediaMetaData.tags'],
    ['a tag with a comma', body({}, { tags: ['a,b'] }), 'mediaMetaData.tags'],
    ['businessType missing', body({}, { businessType: undefined }), 'mediaMetaData.businessType'],
    ['businessType unknown', body({}, { businessType: 'trailer' }), 'mediaMetaData.businessType'],
    ['coverUrl over 128 bytes', body({}, { coverUrl: `https://example.com/${'c'.repeat(120)}.jpg` }), 'mediaMetaData.coverUrl'],
    ['mediaMetaData.cateId zero', body({}, { cateId: 0 }), 'mediaMetaData.cateId'],
    ['a server-owned field', body({}, {}, { uploadTargetConfig: { StorageType: 'oss' } }), 'uploadTargetConfig'],
    ['entityId malformed', body({}, {}, { entityId: 'a b' }), 'entityId'],
  ])('refuses %s, naming the dotted field', async (_case, input, field) => {
    expect(await invalidFields(CreateUploadMediaDto, input)).toContain(field);
  });

  it('counts the title in characters, as the seed says: 128 CJK characters pass', async () => {
    expect(await invalidFields(CreateUploadMediaDto, body({}, { title: '题'.repeat(128) }))).toEqual([]);
  });

  it('explains the business types of the file type', async () => {
    expect(await invalidMessages(CreateUploadMediaDto, body({}, { businessType: 'cover' }))).toEqual([
      'mediaMetaData.businessType: businessType must be one of opening, ending, general when fileInfo.type is video',
    ]);
  });
});
