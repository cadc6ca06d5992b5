import { ApiError, ErrorCode } from '@app/common';
import type { KindSpec } from '@app/registry';
import { testUploadRecords } from '@app/testing';

const alice = { id: 'alice', permissions: [] };
const VIDEO: KindSpec = {
  id: 'acme-video',
  product: { id: 'acme', name: 'Acme Media', description: 'A cloud for tests' },
  permission: 'upload:video',
  quota: 5,
  callsUpstream: true,
};
const unavailable = () => new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'The queue is not answering.');

describe('UploadRecords: the webhooks of the lifecycle', () => {
  let sut: ReturnType<typeof testUploadRecords>;
  beforeEach(() => {
    sut = testUploadRecords();
  });

  const issueVideo = () =>
    sut.uploads.issue(
      alice,
      VIDEO,
      async () => ({ VideoId: 'v1', UploadAuth: 'secret' }),
      (result) => ({ videoId: result.VideoId }),
    );

  it('announces a created upload with its owner and provider id, and nothing of the credential', async () => {
    const { uploadId } = await issueVideo();
    expect(sut.published).toEqual([
      {
        type: 'upload.created',
        upload: expect.objectContaining({ uploadId, userId: 'alice', kind: 'acme-video', status: 'issued', videoId: 'v1' }),
      },
    ]);
    expect(JSON.stringify(sut.published)).not.toContain('secret');
  });

  it('announces nothing for an upload whose provider call failed', async () => {
    await expect(sut.uploads.issue(alice, VIDEO, () => Promise.reject(unavailable()))).rejects.toThrow(ApiError);
    expect(sut.published).toEqual([]);
  });

  it('announces completion and failure once applied, and again on a repeat (a provider retry after our 503)', async () => {
    const { uploadId } = await issueVideo();
    expect(await sut.uploads.complete(uploadId, { status: 'uploaded', videoId: 'v1', size: 5 })).toBe('applied');
    expect(await sut.uploads.complete(uploadId, { status: 'uploaded', videoId: 'v1', size: 5 })).toBe('duplicate');
    expect(sut.published.map((event) => [event.type, event.upload.status, event.upload.size])).toEqual([
      ['upload.created', 'issued', undefined],
      ['upload.completed', 'uploaded', 5],
      ['upload.completed', 'uploaded', 5],
    ]);

    const failing = await issueVideo();
    await sut.uploads.complete(failing.uploadId, { status: 'failed', videoId: 'v1' });
    expect(sut.published.at(-1)).toMatchObject({ type: 'upload.failed', upload: { uploadId: failing.uploadId, status: 'failed' } });
  });

  it('rejects an event whose webhook could not be queued, keeps the record applied, and announces on the retry', async () => {
    const { uploadId } = await issueVideo();
    sut.failPublishing(unavailable());
    await expect(sut.uploads.complete(uploadId, { status: 'uploaded', videoId: 'v1' })).rejects.toMatchObject({ status: 503 });
    sut.failPublishing(undefined);
    expect(await sut.uploads.complete(uploadId, { status: 'uploaded', videoId: 'v1' })).toBe('duplicate');
    expect(sut.published.at(-1)).toMatchObject({ type: 'upload.completed', upload: { uploadId, status: 'uploaded' } });
  });

  it('announces a revoke, again on a repeated DELETE, and never for a foreign or unknown id', async () => {
    const { uploadId } = await issueVideo();
    sut.failPublishing(unavailable());
    await expect(sut.uploads.revoke(alice, uploadId)).rejects.toMatchObject({ status: 503 });
    sut.failPublishing(undefined);
    await sut.uploads.revoke(alice, uploadId);
    expect(sut.published.at(-1)).toMatchObject({ type: 'upload.revoked', upload: { uploadId, status: 'revoked' } });

    const before = sut.published.length;
    await expect(sut.uploads.revoke({ id: 'mallory', permissions: [] }, uploadId)).rejects.toMatchObject({ status: 404 });
    expect(sut.published).toHaveLength(before);
  });
});
