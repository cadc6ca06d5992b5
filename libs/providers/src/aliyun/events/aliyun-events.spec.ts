import { ApiError } from '@app/common';
import { readImsEvent, readVodEvent } from './aliyun-events';
import { verifyCallback } from './callback-signature';
import { createHash } from 'node:crypto';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('Alibaba event readers', () => {
  it('reads VOD FileUploadComplete: our upload id from Extend (a JSON string), the video id, size and FileUrl', () => {
    expect(
      readVodEvent({
        EventType: 'FileUploadComplete',
        VideoId: 'v1',
        Status: 'success',
        Size: 12,
        FileUrl: 'u',
        Extend: '{"uploadId":"upl_x"}',
      }),
    ).toEqual({
      provider: 'aliyun-vod',
      type: 'FileUploadComplete',
      uploadId: 'upl_x',
      kinds: ['aliyun-vod-video', 'aliyun-vod-audio'],
      providerId: { field: 'videoId', id: 'v1' },
      outcome: { status: 'uploaded', videoId: 'v1', size: 12, fileUrl: 'u' },
    });
  });

  it('reads image and attached-media events by their ids, failures as failed, other types as ignored', () => {
    expect(readVodEvent({ EventType: 'ImageUploadComplete', ImageId: 'i1', Status: 'fail', FileURL: 'u' })).toMatchObject({
      uploadId: undefined,
      providerId: { field: 'imageId', id: 'i1' },
      outcome: { status: 'failed', imageId: 'i1', fileUrl: 'u' },
    });
    expect(readVodEvent({ EventType: 'AttachedMediaUploadComplete', AttachedMediaId: 'a1', Status: 'success' })).toMatchObject({
      providerId: { field: 'mediaId', id: 'a1' },
    });
    expect(readVodEvent({ EventType: 'TranscodeComplete', VideoId: 'v1' })).toEqual({
      provider: 'aliyun-vod',
      type: 'TranscodeComplete',
      ignored: true,
    });
    expect(readVodEvent({ EventType: 'constructor' })).toMatchObject({ ignored: true });
  });

  it('reads the ICE envelope: Status Success/Fail, Size a string, Extend inside UserData', () => {
    const event = readImsEvent({
      EventType: 'FileUploadComplete',
      MessageBody: { Status: 'Success', MediaId: 'm1', Size: '5510872', FileUrl: 'u', UserData: '{"Extend":{"uploadId":"upl_y"}}' },
    });
    expect(event).toMatchObject({
      provider: 'aliyun-ims',
      uploadId: 'upl_y',
      outcome: { status: 'uploaded', mediaId: 'm1', size: 5510872 },
    });
  });

  it.each([
    [null],
    ['text'],
    [[]],
    [{}],
    [{ EventType: 'FileUploadComplete' }],
    [{ EventType: 'FileUploadComplete', VideoId: 'v', Status: 3 }],
  ])('refuses a malformed body %j with 400', (body) => {
    expect(() => readVodEvent(body)).toThrow(ApiError);
  });
});

describe(verifyCallback.name, () => {
  const url = 'https://bff.example.com/v1/events/aliyun-vod';
  const now = 1_700_000_000_000;
  const ts = now / 1000;
  const headers = (timestamp: number, key: string) => ({
    'x-vod-timestamp': String(timestamp),
    'x-vod-signature': md5(`${url}|${timestamp}|${key}`),
  });
  const check = { product: 'vod' as const, callbackUrl: url, keys: ['NewKey', 'OldKey'], maxSkewSeconds: 300, nowMs: now };

  it('accepts the current and the previous key within the skew', () => {
    expect(() => verifyCallback(headers(ts, 'NewKey'), check)).not.toThrow();
    expect(() => verifyCallback(headers(ts - 299, 'OldKey'), check)).not.toThrow();
  });

  it.each([
    ['a wrong key', headers(ts, 'Other')],
    ['a stale timestamp', headers(ts - 301, 'NewKey')],
    ['a future timestamp', headers(ts + 301, 'NewKey')],
    ['no headers', {}],
    ['a malformed signature', { 'x-vod-timestamp': String(ts), 'x-vod-signature': 'xyz' }],
    ['the other product’s headers', { 'x-ice-timestamp': String(ts), 'x-ice-signature': md5(`${url}|${ts}|NewKey`) }],
  ])('refuses %s with 401', (_case, given) => {
    expect(() => verifyCallback(given, check)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
