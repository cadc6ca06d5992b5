import { ApiError, ErrorCode } from '@app/common';
import { MemoryStore } from '@app/store';
import type { CommittedUpload, TencentClient } from '../../client';
import { CommitUploadService } from './commit-upload.service';
import { TencentVodUploadRepository } from '../../vod/tencent-vod-upload.repository';
import { fakeClient, rejection, testUploadRecords } from '@app/testing';
import { TENCENT_CONFIGS, tencentConfig } from '../../testing/tencent-config';
import { testRepository } from '../../testing/test-repository';
import { VOD_SIGNATURE } from '../vod-signature/vod-signature.kind';
import { MEDIA } from '../vod-media/vod-media.kind';
import type { UploadCompletions, UploadRecords } from '@app/uploads';

const alice = { id: 'alice', permissions: [] };
const bob = { id: 'bob', permissions: [] };
const COMMITTED: CommittedUpload = { fileId: '5285890784273533167', mediaUrl: 'http://v/f0.mp4', coverUrl: null, requestId: 'req-1' };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe(CommitUploadService.name, () => {
  let store: MemoryStore;
  let uploads: TencentVodUploadRepository;
  let records: UploadRecords;
  let completions: UploadCompletions;
  let uploadId: string;
  let commitUpload: jest.Mock<Promise<CommittedUpload>, [unknown]>;
  let sut: CommitUploadService;

  function build(env: Record<string, string> = {}) {
    const config = tencentConfig({
      TENCENTCLOUD_SECRET_ID: 'id',
      TENCENTCLOUD_SECRET_KEY: 'key',
      TENCENTCLOUD_VOD_SUB_APP_ID: '42',
      ...env,
    });
    sut = new CommitUploadService(config, fakeClient({ commitUpload }) as unknown as TencentClient, uploads, records, completions);
  }

  beforeEach(async () => {
    store = new MemoryStore('test:');
    uploads = testRepository(store);
    ({ uploads: records, completions } = testUploadRecords(store, TENCENT_CONFIGS));
    ({ uploadId } = await records.issue(alice, MEDIA, async () => ({ requestId: 'req-apply' })));
    commitUpload = jest.fn().mockResolvedValue(COMMITTED);
    build();
    await uploads.saveSession(uploadId, { ownerId: 'alice', vodSessionKey: 'session-key', expiresAt: Date.now() + 60_000 }, 60_000);
  });
  afterEach(() => store.close());

  it('commits with the stored session key and the configured application, then forgets the key', async () => {
    expect(await sut.commit(MEDIA, alice, uploadId)).toEqual(COMMITTED);
    expect(commitUpload).toHaveBeenCalledWith({ VodSessionKey: 'session-key', SubAppId: 42 });
    expect(await uploads.findSession(uploadId)).toBeNull();
  });

  it('completes the upload record with the file id and URL', async () => {
    await sut.commit(MEDIA, alice, uploadId);
    expect(await records.findOwned(alice, uploadId)).toMatchObject({
      status: 'uploaded',
      fileId: COMMITTED.fileId,
      fileUrl: COMMITTED.mediaUrl,
    });
  });

  it('answers 410 UPLOAD_REVOKED for a revoked upload, without calling Tencent', async () => {
    await records.revoke(alice, uploadId);
    const error = await rejection(sut.commit(MEDIA, alice, uploadId));
    expect([error.getStatus(), error.code]).toEqual([410, ErrorCode.UPLOAD_REVOKED]);
    expect(commitUpload).not.toHaveBeenCalled();
  });

  it('answers 404 for an upload that is a signature session, not an ApplyUpload', async () => {
    const session = await records.issue(alice, VOD_SIGNATURE.spec, async () => ({}));
    expect((await rejection(sut.commit(MEDIA, alice, session.uploadId))).getStatus()).toBe(404);
  });

  it('answers a repeat with the first result without calling Tencent again', async () => {
    const first = await sut.commit(MEDIA, alice, uploadId);
    commitUpload.mockResolvedValue({ ...COMMITTED, fileId: 'another' });
    expect(await sut.commit(MEDIA, alice, uploadId)).toEqual(first);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });

  it('calls Tencent once for concurrent commits; the others wait for the result', async () => {
    const upstream = deferred<CommittedUpload>();
    commitUpload.mockReturnValue(upstream.promise);
    const calls = [sut.commit(MEDIA, alice, uploadId), sut.commit(MEDIA, alice, uploadId), sut.commit(MEDIA, alice, uploadId)];
    await new Promise((resolve) => setTimeout(resolve, 120));
    upstream.resolve(COMMITTED);
    expect(await Promise.all(calls)).toEqual([COMMITTED, COMMITTED, COMMITTED]);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });

  it('answers 409 with Retry-After when the running commit outlasts the bounded wait', async () => {
    build({ TENCENTCLOUD_VOD_COMMIT_WAIT_MS: '100' });
    const upstream = deferred<CommittedUpload>();
    commitUpload.mockReturnValue(upstream.promise);
    const winner = sut.commit(MEDIA, alice, uploadId);
    const loser = await rejection(sut.commit(MEDIA, alice, uploadId));
    expect([loser.getStatus(), loser.code, loser.details.retryAfterSeconds]).toEqual([409, ErrorCode.CONFLICT, 1]);
    upstream.resolve(COMMITTED);
    expect(await winner).toEqual(COMMITTED);
  });

  it('releases the lock when CommitUpload fails, so a retry commits', async () => {
    commitUpload.mockRejectedValueOnce(new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'down'));
    expect((await rejection(sut.commit(MEDIA, alice, uploadId))).getStatus()).toBe(503);
    expect(await sut.commit(MEDIA, alice, uploadId)).toEqual(COMMITTED);
    expect(commitUpload).toHaveBeenCalledTimes(2);
  });

  it('lets a waiting commit take over when the running one fails', async () => {
    const upstream = deferred<CommittedUpload>();
    commitUpload.mockReturnValueOnce(upstream.promise);
    const first = sut.commit(MEDIA, alice, uploadId);
    const second = sut.commit(MEDIA, alice, uploadId);
    await new Promise((resolve) => setTimeout(resolve, 60));
    upstream.reject(new ApiError(504, ErrorCode.UPSTREAM_TIMEOUT, 'slow'));
    expect((await rejection(first)).getStatus()).toBe(504);
    expect(await second).toEqual(COMMITTED);
  });

  it.each([
    ['another user', bob, 'the upload'],
    ['an unknown id', alice, 'upl_BBBBBBBBBBBBBBBBBBBBBB'],
    ['a malformed id', alice, 'not-an-upload-id'],
  ])('answers 404 for %s, before and after the commit', async (_case, user, id) => {
    const asked = id === 'the upload' ? uploadId : id;
    expect((await rejection(sut.commit(MEDIA, user, asked))).getStatus()).toBe(404);
    await sut.commit(MEDIA, alice, uploadId);
    expect((await rejection(sut.commit(MEDIA, user, asked))).getStatus()).toBe(404);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });

  it('answers 410 once the session has expired, without calling Tencent', async () => {
    await uploads.saveSession(uploadId, { ownerId: 'alice', vodSessionKey: 'k', expiresAt: Date.now() - 1 }, 60_000);
    const error = await rejection(sut.commit(MEDIA, alice, uploadId));
    expect([error.getStatus(), error.code]).toEqual([410, ErrorCode.GONE]);
    await uploads.deleteSession(uploadId);
    expect((await rejection(sut.commit(MEDIA, alice, uploadId))).getStatus()).toBe(410);
    expect(commitUpload).not.toHaveBeenCalled();
  });

  it('forgets the session when Tencent no longer knows it', async () => {
    commitUpload.mockRejectedValueOnce(new ApiError(410, ErrorCode.GONE, 'gone'));
    expect((await rejection(sut.commit(MEDIA, alice, uploadId))).getStatus()).toBe(410);
    expect(await uploads.findSession(uploadId)).toBeNull();
    expect((await rejection(sut.commit(MEDIA, alice, uploadId))).getStatus()).toBe(410);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });
});
