import { ApiError, ErrorCode } from '@app/common';
import { ConfigService, loadConfig } from '@app/config';
import { MemoryStore } from '@app/store';
import type { CommittedUpload, TencentClient } from '@app/tencent';
import { CommitUploadService } from './commit-upload.service';
import { TencentVodUploadRepository } from './tencent-vod-upload.repository';
import { fakeClient } from '@app/testing';
import { testRepository } from './testing/test-repository';

const UPLOAD_ID = 'upl_AAAAAAAAAAAAAAAAAAAAAA';
const alice = { id: 'alice', permissions: [] };
const bob = { id: 'bob', permissions: [] };
const COMMITTED: CommittedUpload = { fileId: '5285890784273533167', mediaUrl: 'http://v/f0.mp4', coverUrl: null, requestId: 'req-1' };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe(CommitUploadService.name, () => {
  let store: MemoryStore;
  let uploads: TencentVodUploadRepository;
  let commitUpload: jest.Mock<Promise<CommittedUpload>, [unknown]>;
  let sut: CommitUploadService;

  function build(env: Record<string, string> = {}) {
    const config = new ConfigService(
      loadConfig({ TENCENTCLOUD_SECRET_ID: 'id', TENCENTCLOUD_SECRET_KEY: 'key', TENCENTCLOUD_VOD_SUB_APP_ID: '42', ...env }),
    );
    sut = new CommitUploadService(config, fakeClient({ commitUpload }) as unknown as TencentClient, uploads);
  }

  beforeEach(async () => {
    store = new MemoryStore('test:');
    uploads = testRepository(store);
    commitUpload = jest.fn().mockResolvedValue(COMMITTED);
    build();
    await uploads.saveSession(UPLOAD_ID, { ownerId: 'alice', vodSessionKey: 'session-key', expiresAt: Date.now() + 60_000 }, 60_000);
  });
  afterEach(() => store.close());

  it('commits with the stored session key and the configured application, then forgets the key', async () => {
    expect(await sut.commit(alice, UPLOAD_ID)).toEqual(COMMITTED);
    expect(commitUpload).toHaveBeenCalledWith({ VodSessionKey: 'session-key', SubAppId: 42 });
    expect(await uploads.findSession(UPLOAD_ID)).toBeNull();
  });

  it('answers a repeat with the first result without calling Tencent again', async () => {
    const first = await sut.commit(alice, UPLOAD_ID);
    commitUpload.mockResolvedValue({ ...COMMITTED, fileId: 'another' });
    expect(await sut.commit(alice, UPLOAD_ID)).toEqual(first);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });

  it('calls Tencent once for concurrent commits; the others wait for the result', async () => {
    const upstream = deferred<CommittedUpload>();
    commitUpload.mockReturnValue(upstream.promise);
    const calls = [sut.commit(alice, UPLOAD_ID), sut.commit(alice, UPLOAD_ID), sut.commit(alice, UPLOAD_ID)];
    await new Promise((resolve) => setTimeout(resolve, 120));
    upstream.resolve(COMMITTED);
    expect(await Promise.all(calls)).toEqual([COMMITTED, COMMITTED, COMMITTED]);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });

  it('answers 409 with Retry-After when the running commit outlasts the bounded wait', async () => {
    build({ TENCENTCLOUD_VOD_COMMIT_WAIT_MS: '100' });
    const upstream = deferred<CommittedUpload>();
    commitUpload.mockReturnValue(upstream.promise);
    const winner = sut.commit(alice, UPLOAD_ID);
    const loser = await failure(sut.commit(alice, UPLOAD_ID));
    expect([loser.getStatus(), loser.code, loser.details.retryAfterSeconds]).toEqual([409, ErrorCode.CONFLICT, 1]);
    upstream.resolve(COMMITTED);
    expect(await winner).toEqual(COMMITTED);
  });

  it('releases the lock when CommitUpload fails, so a retry commits', async () => {
    commitUpload.mockRejectedValueOnce(new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'down'));
    expect((await failure(sut.commit(alice, UPLOAD_ID))).getStatus()).toBe(503);
    expect(await sut.commit(alice, UPLOAD_ID)).toEqual(COMMITTED);
    expect(commitUpload).toHaveBeenCalledTimes(2);
  });

  it('lets a waiting commit take over when the running one fails', async () => {
    const upstream = deferred<CommittedUpload>();
    commitUpload.mockReturnValueOnce(upstream.promise);
    const first = sut.commit(alice, UPLOAD_ID);
    const second = sut.commit(alice, UPLOAD_ID);
    await new Promise((resolve) => setTimeout(resolve, 60));
    upstream.reject(new ApiError(504, ErrorCode.UPSTREAM_TIMEOUT, 'slow'));
    expect((await failure(first)).getStatus()).toBe(504);
    expect(await second).toEqual(COMMITTED);
  });

  it.each([
    ['another user', bob, UPLOAD_ID],
    ['an unknown id', alice, 'upl_BBBBBBBBBBBBBBBBBBBBBB'],
    ['a malformed id', alice, 'not-an-upload-id'],
  ])('answers 404 for %s, before and after the commit', async (_case, user, uploadId) => {
    expect((await failure(sut.commit(user, uploadId))).getStatus()).toBe(404);
    await sut.commit(alice, UPLOAD_ID);
    expect((await failure(sut.commit(user, uploadId))).getStatus()).toBe(404);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });

  it('answers 410 once the session has expired, without calling Tencent', async () => {
    await uploads.saveSession(UPLOAD_ID, { ownerId: 'alice', vodSessionKey: 'k', expiresAt: Date.now() - 1 }, 60_000);
    const error = await failure(sut.commit(alice, UPLOAD_ID));
    expect([error.getStatus(), error.code]).toEqual([410, ErrorCode.GONE]);
    await uploads.deleteSession(UPLOAD_ID);
    expect((await failure(sut.commit(alice, UPLOAD_ID))).getStatus()).toBe(410);
    expect(commitUpload).not.toHaveBeenCalled();
  });

  it('forgets the session when Tencent no longer knows it', async () => {
    commitUpload.mockRejectedValueOnce(new ApiError(410, ErrorCode.GONE, 'gone'));
    expect((await failure(sut.commit(alice, UPLOAD_ID))).getStatus()).toBe(410);
    expect(await uploads.findSession(UPLOAD_ID)).toBeNull();
    expect((await failure(sut.commit(alice, UPLOAD_ID))).getStatus()).toBe(410);
    expect(commitUpload).toHaveBeenCalledTimes(1);
  });
});
