import { ApiError, createValidationPipe, normaliseJsonBody } from '@app/common';
import { ApplyTencentVodUploadDto } from './apply-tencent-vod-upload.dto';
import { CreateTencentVodUploadSignatureDto } from '../../vod-signature/dto/create-tencent-vod-upload-signature.dto';

const pipe = createValidationPipe();

async function validate<T>(metatype: new () => T, body: unknown): Promise<T> {
  return pipe.transform(body, { type: 'body', metatype }) as Promise<T>;
}

/** The fields named by a 400, or [] when the body is accepted. */
async function refusedFields(metatype: new () => unknown, body: unknown): Promise<string[]> {
  try {
    await validate(metatype, body);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    return [...new Set((error as ApiError).details.errors!.map((entry) => entry.field))];
  }
}

const future = new Date(Date.now() + 86_400_000).toISOString();

describe(ApplyTencentVodUploadDto.name, () => {
  it('accepts a full body and sends types in lower case', async () => {
    const dto = await validate(ApplyTencentVodUploadDto, {
      mediaType: 'MP4',
      mediaName: '春季发布 Spring launch',
      coverType: 'JpG',
      expireTime: '2031-01-01T08:00:00+08:00',
      sessionContext: 'x'.repeat(1000),
      procedure: 'transcode-hd',
      classId: 0,
    });
    expect(dto).toBeInstanceOf(ApplyTencentVodUploadDto);
    expect(dto).toMatchObject({ mediaType: 'mp4', coverType: 'jpg' });
  });

  it.each(['mp4', 'MOV', 'm3u8', 'ogg', 'mp3', 'FLAC', 'amr', 'webm'])('accepts the media type %s', async (mediaType) => {
    expect(await refusedFields(ApplyTencentVodUploadDto, { mediaType })).toEqual([]);
  });

  it.each([
    ['no mediaType', {}, 'mediaType'],
    ['a mediaType that is not a video or audio type', { mediaType: 'exe' }, 'mediaType'],
    ['an image as mediaType', { mediaType: 'jpg' }, 'mediaType'],
    ['a numeric mediaType', { mediaType: 4 }, 'mediaType'],
    ['a mediaType with a dot', { mediaType: '.mp4' }, 'mediaType'],
    ['an empty mediaName', { mediaType: 'mp4', mediaName: '' }, 'mediaName'],
    ['a mediaName of 65 characters', { mediaType: 'mp4', mediaName: 'x'.repeat(65) }, 'mediaName'],
    ['a mediaName with a control character', { mediaType: 'mp4', mediaName: 'a\nb' }, 'mediaName'],
    ['a coverType that is not an image type', { mediaType: 'mp4', coverType: 'mp4' }, 'coverType'],
    ['a coverType the API page does not list', { mediaType: 'mp4', coverType: 'heif' }, 'coverType'],
    ['an expireTime that is not a date', { mediaType: 'mp4', expireTime: 'next week' }, 'expireTime'],
    ['an expireTime without a time zone', { mediaType: 'mp4', expireTime: '2031-01-01T00:00:00' }, 'expireTime'],
    ['a date without a time', { mediaType: 'mp4', expireTime: '2031-01-01' }, 'expireTime'],
    ['an impossible date', { mediaType: 'mp4', expireTime: '2031-02-30T00:00:00Z' }, 'expireTime'],
    ['an expireTime in the past', { mediaType: 'mp4', expireTime: '2020-01-01T00:00:00Z' }, 'expireTime'],
    ['a numeric expireTime', { mediaType: 'mp4', expireTime: 1900000000 }, 'expireTime'],
    ['a sessionContext of 1001 characters', { mediaType: 'mp4', sessionContext: 'x'.repeat(1001) }, 'sessionContext'],
    ['a procedure of 65 characters', { mediaType: 'mp4', procedure: 'p'.repeat(65) }, 'procedure'],
    ['a negative classId', { mediaType: 'mp4', classId: -1 }, 'classId'],
    ['a fractional classId', { mediaType: 'mp4', classId: 1.5 }, 'classId'],
    ['a classId as a string', { mediaType: 'mp4', classId: '3' }, 'classId'],
    ['the server-owned SubAppId', { mediaType: 'mp4', subAppId: 1 }, 'subAppId'],
    ['the server-owned storageRegion', { mediaType: 'mp4', storageRegion: 'ap-chongqing' }, 'storageRegion'],
    ['the server-owned sourceContext', { mediaType: 'mp4', sourceContext: 'user=admin' }, 'sourceContext'],
  ])('refuses %s, naming the field', async (_case, body, field) => {
    expect(await refusedFields(ApplyTencentVodUploadDto, body)).toEqual([field]);
  });

  it('reads null in an optional field as not given (the JSON body parser drops nulls)', async () => {
    const nulls = { mediaName: null, coverType: null, expireTime: null, sessionContext: null, procedure: null, classId: null };
    const dto = await validate(ApplyTencentVodUploadDto, normaliseJsonBody({ mediaType: 'mp4', ...nulls }));
    for (const field of Object.keys(nulls)) expect(dto[field as keyof ApplyTencentVodUploadDto]).toBeUndefined();
  });

  it('accepts an expireTime in the future with fractional seconds', async () => {
    expect(await refusedFields(ApplyTencentVodUploadDto, { mediaType: 'mp4', expireTime: future })).toEqual([]);
  });

  it.each([['[]'], ['"mp4"'], [42]])('refuses a body that is not an object (%j)', async (body) => {
    expect((await refusedFields(ApplyTencentVodUploadDto, JSON.parse(String(body)))).length).toBeGreaterThan(0);
  });
});

describe(CreateTencentVodUploadSignatureDto.name, () => {
  it('accepts no body at all', async () => {
    expect(await refusedFields(CreateTencentVodUploadSignatureDto, undefined)).toEqual([]);
  });

  it.each([
    ['a classId as a string', { classId: '1' }, 'classId'],
    ['a sessionContext of 1001 characters', { sessionContext: 'x'.repeat(1001) }, 'sessionContext'],
    ['the server-owned vodSubAppId', { vodSubAppId: 1 }, 'vodSubAppId'],
    ['the server-owned oneTimeValid', { oneTimeValid: 0 }, 'oneTimeValid'],
    ['the server-owned sourceContext', { sourceContext: 'user=admin' }, 'sourceContext'],
  ])('refuses %s, naming the field', async (_case, body, field) => {
    expect(await refusedFields(CreateTencentVodUploadSignatureDto, body)).toEqual([field]);
  });
});
