import { invalidFields } from '@app/testing';
import { CreateUploadImageDto } from './create-upload-image.dto';

const VALID = { imageType: 'default' };

describe(CreateUploadImageDto.name, () => {
  it('accepts the seed example and every optional field', async () => {
    expect(await invalidFields(CreateUploadImageDto, VALID)).toEqual([]);
    expect(
      await invalidFields(CreateUploadImageDto, {
        imageType: 'cover',
        imageExt: 'JPG',
        title: 'mytitle',
        description: 'Image upload test',
        tags: ['Test'],
        cateId: 12001111,
        originalFileName: 'photo.heic',
      }),
    ).toEqual([]);
  });

  it.each([
    ['imageType missing', {}, 'imageType'],
    ['imageType unknown', { imageType: 'poster' }, 'imageType'],
    ['imageExt bmp', { ...VALID, imageExt: 'bmp' }, 'imageExt'],
    ['imageExt webp (only the SDK model lists it)', { ...VALID, imageExt: 'webp' }, 'imageExt'],
    ['a title of 129 ASCII bytes', { ...VALID, title: 'a'.repeat(129) }, 'title'],
    ['a title of 43 CJK characters = 129 bytes', { ...VALID, title: '题'.repeat(43) }, 'title'],
    ['a title with an emoji', { ...VALID, title: 'hi 🎉' }, 'title'],
    ['a description of 1,025 bytes', { ...VALID, description: 'é'.repeat(512) + 'a' }, 'description'],
    ['17 tags', { ...VALID, tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'tags'],
    ['a tag of 11 CJK characters = 33 bytes', { ...VALID, tags: ['标'.repeat(11)] }, 'tags'],
    ['a tag with a comma', { ...VALID, tags: ['a,b'] }, 'tags'],
    ['cateId negative', { ...VALID, cateId: -1 }, 'cateId'],
    ['originalFileName of another type', { ...VALID, originalFileName: 'clip.mp4' }, 'originalFileName'],
    ['an unknown field', { ...VALID, userData: '{}' }, 'userData'],
  ])('refuses %s, naming the field', async (_case, body, field) => {
    expect(await invalidFields(CreateUploadImageDto, body)).toContain(field);
  });

  it('counts bytes: 42 CJK characters (126 bytes) pass, a 10-character CJK tag (30 bytes) passes', async () => {
    expect(await invalidFields(CreateUploadImageDto, { ...VALID, title: '题'.repeat(42), tags: ['标'.repeat(10)] })).toEqual([]);
  });
});
