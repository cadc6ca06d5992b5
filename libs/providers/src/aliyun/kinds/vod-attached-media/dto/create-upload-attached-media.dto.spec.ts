import { VOD_ATTACHED_MEDIA_EXTENSIONS } from '../../../aliyun.facts';
import { invalidFields, invalidMessages } from '@app/testing';
import { CreateUploadAttachedMediaDto } from './create-upload-attached-media.dto';

const VALID = { businessType: 'watermark', mediaExt: 'png' };

describe(CreateUploadAttachedMediaDto.name, () => {
  it('accepts the seed example and every optional field', async () => {
    expect(
      await invalidFields(CreateUploadAttachedMediaDto, {
        ...VALID,
        title: 'Test',
        fileName: 'D:\\test.png',
        fileSize: 123,
        description: 'uploadTest',
        tags: ['tag1', 'tag2'],
        cateIds: [12984346, 8130876],
      }),
    ).toEqual([]);
  });

  const pairs = Object.entries(VOD_ATTACHED_MEDIA_EXTENSIONS).flatMap(([businessType, extensions]) =>
    extensions.map((ext) => [businessType, ext]),
  );
  it.each(pairs)('accepts %s with mediaExt %s', async (businessType, mediaExt) => {
    expect(await invalidFields(CreateUploadAttachedMediaDto, { businessType, mediaExt })).toEqual([]);
  });

  it.each([
    ['businessType missing', { mediaExt: 'png' }, 'businessType'],
    ['businessType unknown', { businessType: 'logo', mediaExt: 'png' }, 'businessType'],
    ['mediaExt missing', { businessType: 'subtitle' }, 'mediaExt'],
    ['a subtitle extension for a watermark', { businessType: 'watermark', mediaExt: 'srt' }, 'mediaExt'],
    ['a watermark extension for a subtitle', { businessType: 'subtitle', mediaExt: 'apng' }, 'mediaExt'],
    ['apk for material (only the SDK model lists it)', { businessType: 'material', mediaExt: 'apk' }, 'mediaExt'],
    ['a fileName whose extension does not fit the business type', { ...VALID, fileName: 'a.vtt' }, 'fileName'],
    ['a title of 43 CJK characters = 129 bytes', { ...VALID, title: '题'.repeat(43) }, 'title'],
    ['a description of 1,025 bytes', { ...VALID, description: 'd'.repeat(1025) }, 'description'],
    ['a tag of 33 bytes', { ...VALID, tags: ['x'.repeat(33)] }, 'tags'],
    ['17 tags', { ...VALID, tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'tags'],
    ['six cateIds', { ...VALID, cateIds: [1, 2, 3, 4, 5, 6] }, 'cateIds'],
    ['a cateId that is not an integer', { ...VALID, cateIds: ['x'] }, 'cateIds'],
    ['fileSize zero', { ...VALID, fileSize: 0 }, 'fileSize'],
  ])('refuses %s, naming the field', async (_case, body, field) => {
    expect(await invalidFields(CreateUploadAttachedMediaDto, body)).toContain(field);
  });

  it('explains which extensions fit the business type', async () => {
    expect(await invalidMessages(CreateUploadAttachedMediaDto, { businessType: 'subtitle', mediaExt: 'png' })).toContain(
      'mediaExt: mediaExt must be one of srt, ass, stl, ttml, vtt when businessType is subtitle',
    );
  });
});
