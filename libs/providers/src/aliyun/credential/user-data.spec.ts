import { createHash } from 'node:crypto';
import { buildUserData } from './user-data';

const UPLOAD_ID = 'upl_3q2mD4v1Qb6xY0aZ9kLw8A';

describe(buildUserData.name, () => {
  it('carries the callback URL and the user and upload ids in Extend', () => {
    expect(JSON.parse(buildUserData({ callbackUrl: 'https://hooks.example.com/vod', userId: 'alice', uploadId: UPLOAD_ID }))).toEqual({
      MessageCallback: { CallbackURL: 'https://hooks.example.com/vod' },
      Extend: { userId: 'alice', uploadId: UPLOAD_ID },
    });
  });

  it('leaves MessageCallback out without a callback URL', () => {
    expect(JSON.parse(buildUserData({ userId: 'alice', uploadId: UPLOAD_ID }))).toEqual({
      Extend: { userId: 'alice', uploadId: UPLOAD_ID },
    });
  });

  it('keeps Extend within 512 bytes for the longest possible user id (255 CJK characters), by hashing it', () => {
    const userId = '用'.repeat(255);
    const { Extend } = JSON.parse(buildUserData({ userId, uploadId: UPLOAD_ID }));
    expect(Extend).toEqual({ userIdSha256: createHash('sha256').update(userId).digest('hex'), uploadId: UPLOAD_ID });
    expect(Buffer.byteLength(JSON.stringify(Extend))).toBeLessThanOrEqual(512);
  });

  it('keeps a user id that still fits as it is', () => {
    const userId = 'u'.repeat(450);
    const { Extend } = JSON.parse(buildUserData({ userId, uploadId: UPLOAD_ID }));
    expect(Extend.userId).toBe(userId);
    expect(Buffer.byteLength(JSON.stringify(Extend))).toBeLessThanOrEqual(512);
  });
});
