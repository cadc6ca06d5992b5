import { ApiError, ErrorCode } from '@app/common';
import type { KindSpec } from '@app/registry';
import { testUploadRecords } from '@app/testing';
import type { UploadRecord } from '../records/upload-record';
import type { MediaLimits, MediaVerifier, StoredMedia } from './media-verifier';

const alice = { id: 'alice', permissions: [] };
const PRODUCT = { id: 'acme', name: 'Acme Media', description: 'A cloud for tests' };
const VIDEO: KindSpec = { id: 'acme-video', product: PRODUCT, permission: 'upload:video', quota: 5, callsUpstream: true };
const outage = () => new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'The provider is not answering.');

/** A provider whose API reports `stored` for every id, and which records its deletions. */
class FakeVerifier implements MediaVerifier {
  readonly products = ['acme'];
  reportsUploadId = false;
  /** The upload every file is reported stored under, when the provider tells (reportsUploadId). */
  storedUnder: string | undefined;
  stored: StoredMedia = { state: 'stored', size: 1000, durationSeconds: 12, format: 'mp4', fileUrl: 'https://media.example/v1.mp4' };
  lookupFailures = 0;
  removeFailures = 0;
  /** Thrown by every lookup (or removal) while set. */
  lookupError: Error | undefined;
  removeError: Error | undefined;
  /** Ids whose lookups fail until they are taken out. */
  readonly unreachable = new Set<string>();
  readonly removed: string[] = [];
  readonly looked: UploadRecord[] = [];

  async lookup(record: UploadRecord): Promise<StoredMedia> {
    this.looked.push(record);
    if (this.lookupError) throw this.lookupError;
    if (this.lookupFailures > 0 && this.lookupFailures--) throw outage();
    if (this.unreachable.has(record.videoId ?? '')) throw outage();
    if (this.stored.state === 'unknown' || this.storedUnder === undefined) return this.stored;
    return { ...this.stored, uploadId: this.storedUnder };
  }

  async remove(record: UploadRecord): Promise<void> {
    if (this.removeError) throw this.removeError;
    if (this.removeFailures > 0 && this.removeFailures--) throw outage();
    this.removed.push(record.videoId ?? '?');
  }

  limits(): MediaLimits {
    return { maxSize: 5000, maxDurationSeconds: 60 };
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('UploadCompletions: a completion is a hint, the provider says what arrived', () => {
  let verifier: FakeVerifier;
  let sut: ReturnType<typeof testUploadRecords>;

  const build = (mode = 'delete', schedule = '20ms,20ms,20ms') => {
    sut = testUploadRecords(undefined, undefined, [verifier], {
      UPLOAD_VERIFICATION: mode,
      UPLOAD_VERIFICATION_RETRY_SCHEDULE: schedule,
    });
    sut.jobs.onApplicationBootstrap();
  };
  const issue = (declared?: { size?: number; format?: string }) =>
    sut.uploads.issue(
      alice,
      VIDEO,
      async () => ({ VideoId: 'v1' }),
      (result) => ({ videoId: result.VideoId }),
      declared,
    );
  const event = (uploadId: string, extra: object = {}) =>
    sut.completions.settle(
      uploadId,
      { status: 'uploaded', videoId: 'v1', size: 1, fileUrl: 'https://evil.example/x.mp4', ...extra },
      {
        provider: 'acme',
        kinds: ['acme-video'],
      },
    );
  const types = () => sut.published.map((event) => event.type);

  beforeEach(() => {
    verifier = new FakeVerifier();
    build();
  });
  afterEach(async () => {
    await sut.jobs.onApplicationShutdown();
  });

  it("settles an upload on the provider's figures, never the event's", async () => {
    const { uploadId } = await issue({ size: 1000, format: 'mp4' });
    expect(await event(uploadId)).toBe('applied');
    const record = await sut.uploads.find(uploadId);
    expect(record).toMatchObject({ status: 'uploaded', size: 1000, durationSeconds: 12, fileUrl: 'https://media.example/v1.mp4' });
    expect(types()).toEqual(['upload.created', 'upload.completed']);
    expect(verifier.removed).toEqual([]);
  });

  it.each([
    ['too_large', { size: 9000 }, {}],
    ['too_long', { durationSeconds: 61 }, {}],
    ['size_mismatch', {}, { size: 999 }],
    ['format_mismatch', { format: 'png' }, { format: 'mp4' }],
  ])('rejects %s, announces upload.rejected and deletes the media under delete', async (reason, stored, declared) => {
    verifier.stored = { ...(verifier.stored as object), ...stored, state: 'stored' };
    const { uploadId } = await issue(declared);
    await event(uploadId);
    expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'rejected', rejection: { reason } });
    expect(types()).toEqual(['upload.created', 'upload.rejected']);
    expect(verifier.removed).toEqual(['v1']);
  });

  it('under flag, rejects and keeps the media', async () => {
    build('flag');
    verifier.stored = { state: 'stored', size: 9000 };
    const { uploadId } = await issue();
    await event(uploadId);
    expect(await sut.uploads.find(uploadId)).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'too_large', limit: 5000, measured: 9000 },
    });
    expect(verifier.removed).toEqual([]);
  });

  it('under off, believes the event as before, reading the record once', async () => {
    build('off');
    const { uploadId } = await issue();
    const find = jest.spyOn(sut.repository, 'find');
    await event(uploadId);
    expect(find).not.toHaveBeenCalled();
    expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'uploaded', size: 1, fileUrl: 'https://evil.example/x.mp4' });
    expect(verifier.looked).toEqual([]);
  });

  it.each(['uploading', 'unknown'] as const)('changes nothing for media the provider reports %s', async (state) => {
    verifier.stored = { state };
    const { uploadId } = await issue();
    expect(await event(uploadId)).toBe('unconfirmed');
    expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'issued' });
    expect(types()).toEqual(['upload.created']);
  });

  it('calls an event for another kind, product or id a mismatch, without asking the provider', async () => {
    const { uploadId } = await issue();
    const other = (source: object, ids: object = {}) =>
      sut.completions.settle(
        uploadId,
        { status: 'uploaded', videoId: 'v1', ...ids },
        { provider: 'acme', kinds: ['acme-video'], ...source },
      );
    expect(await other({ kinds: ['acme-image'] })).toBe('mismatch');
    expect(await other({ provider: 'other' })).toBe('mismatch');
    expect(await other({}, { videoId: 'v2' })).toBe('mismatch');
    expect(verifier.looked).toEqual([]);
    expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'issued' });
  });

  it('retries a lookup the provider could not answer: verifying meanwhile, then settled once', async () => {
    verifier.lookupFailures = 2;
    const { uploadId } = await issue();
    expect(await event(uploadId)).toBe('verifying');
    expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'verifying' });
    await until(async () => (await sut.uploads.find(uploadId))?.status === 'uploaded', 'the retried verification');
    expect(types()).toEqual(['upload.created', 'upload.completed']);
  });

  it('deletes what arrives after a revoke, retrying a removal that failed', async () => {
    verifier.removeFailures = 1;
    const { uploadId } = await issue();
    await sut.completions.revoke(alice, uploadId);
    await until(() => verifier.removed.length === 1, 'the removal at revoke');
    expect(await event(uploadId)).toBe('revoked');
    await until(() => verifier.removed.length === 2, 'the removal of the late upload');
    expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'revoked' });
  });

  it('a plain duplicate stays a duplicate; new content is a revision with its own webhook', async () => {
    const { uploadId } = await issue();
    await event(uploadId);
    expect(await event(uploadId)).toBe('duplicate');
    verifier.stored = { state: 'stored', size: 2000, fileUrl: 'https://media.example/v1.mp4' };
    expect(await event(uploadId)).toBe('applied');
    const completed = sut.published.filter((item) => item.type === 'upload.completed');
    expect(completed.map((item) => [item.upload.size, item.upload.revision])).toEqual([
      [1000, undefined],
      [1000, undefined],
      [2000, 1],
    ]);
  });

  describe('a second file under one upload (a signature session used twice)', () => {
    /** An upload whose provider id comes with its event, as a Tencent signature session's FileId does. */
    const session = async () => {
      const { uploadId } = await sut.uploads.issue(
        alice,
        VIDEO,
        async () => ({}),
        () => ({}),
      );
      verifier.reportsUploadId = true;
      verifier.storedUnder = uploadId;
      return uploadId;
    };

    it('deletes the second file at the provider and leaves the record as it was', async () => {
      const uploadId = await session();
      expect(await event(uploadId)).toBe('applied');
      const settled = await sut.uploads.find(uploadId);
      expect(await event(uploadId, { videoId: 'v2' })).toBe('mismatch');
      expect(verifier.removed).toEqual(['v2']);
      expect(await sut.uploads.find(uploadId)).toEqual(settled);
      expect(types()).toEqual(['upload.created', 'upload.completed']);
    });

    it('under flag, keeps it and leaves the record as it was', async () => {
      build('flag');
      const uploadId = await session();
      await event(uploadId);
      const settled = await sut.uploads.find(uploadId);
      expect(await event(uploadId, { videoId: 'v2' })).toBe('mismatch');
      expect(verifier.removed).toEqual([]);
      expect(await sut.uploads.find(uploadId)).toEqual(settled);
    });

    it('leaves alone a file the provider keeps under another upload, or one a verifier cannot place', async () => {
      const uploadId = await session();
      await event(uploadId);
      verifier.storedUnder = 'upl_someoneelse';
      expect(await event(uploadId, { videoId: 'v2' })).toBe('mismatch');
      verifier.storedUnder = uploadId;
      verifier.reportsUploadId = false;
      expect(await event(uploadId, { videoId: 'v3' })).toBe('mismatch');
      expect(verifier.removed).toEqual([]);
    });

    it('retries a lookup or deletion of the second file that failed, without marking the record', async () => {
      const uploadId = await session();
      await event(uploadId);
      verifier.lookupFailures = 1;
      verifier.removeFailures = 1;
      expect(await event(uploadId, { videoId: 'v2' })).toBe('mismatch');
      expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'uploaded', videoId: 'v1' });
      await until(() => verifier.removed.includes('v2'), 'the retried removal of the second file');
      expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'uploaded', videoId: 'v1' });
    });

    it('deletes the first file when its verification was still pending as the second one settled', async () => {
      const uploadId = await session();
      verifier.unreachable.add('v1');
      expect(await event(uploadId)).toBe('verifying');
      expect(await event(uploadId, { videoId: 'v2' })).toBe('applied');
      verifier.unreachable.delete('v1');
      await until(() => verifier.removed.includes('v1'), 'the removal of the first file by its retried verification');
      expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'uploaded', videoId: 'v2' });
      expect(verifier.removed).toEqual(['v1']);
    });
  });

  describe('a retry that cannot succeed', () => {
    const refused = () => new ApiError(502, ErrorCode.UPSTREAM_REJECTED, 'The provider refused our request.', { upstreamRequestId: 'r-1' });
    const metric = (name: string) => async () =>
      (await sut.metrics.render())
        .split('\n')
        .find((line) => line.startsWith(name))
        ?.split(' ')[1];
    const deadLettered = metric('upload_bff_verifications_total{provider="acme",kind="acme-video",outcome="dead_letter"}');
    const deadLetters = metric('upload_bff_verification_pending{measure="dead_letters"}');

    it('ends at once when the provider refuses our request: a dead letter, counted, the record left verifying', async () => {
      // A schedule no test waits for: a job still retried would never be a dead letter here.
      build('delete', '1h');
      verifier.lookupError = refused();
      const { uploadId } = await issue();
      expect(await event(uploadId)).toBe('verifying');
      await until(async () => (await deadLettered()) === '1', 'the dead letter');
      expect(await deadLetters()).toBe('1');
      expect(verifier.looked).toHaveLength(2);
      expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'verifying' });
    });

    it('queues the verification again on a new completion after its dead letter', async () => {
      build('delete', '1h');
      verifier.lookupError = refused();
      const { uploadId } = await issue();
      await event(uploadId);
      await until(async () => (await deadLettered()) === '1', 'the dead letter');
      // The permission is fixed; the provider's next event finds it busy for a moment: a retry, not the dead letter's id blocking it.
      verifier.lookupError = undefined;
      verifier.lookupFailures = 1;
      expect(await event(uploadId)).toBe('verifying');
      await until(async () => (await sut.uploads.find(uploadId))?.status === 'uploaded', 'the verification queued again');
      expect(await deadLetters()).toBe('0');
    });

    it('ends a removal the provider refuses at once too', async () => {
      build('delete', '1h');
      verifier.removeError = refused();
      const { uploadId } = await issue();
      await sut.completions.revoke(alice, uploadId);
      await until(async () => (await deadLettered()) === '1', 'the dead letter');
      expect(await sut.uploads.find(uploadId)).toMatchObject({ status: 'revoked' });
    });

    it('keeps retrying a transient failure until its tries run out, then counts the dead letter', async () => {
      verifier.lookupError = outage();
      const { uploadId } = await issue();
      await event(uploadId);
      await until(async () => (await deadLettered()) === '1', 'the dead letter after the schedule');
      // The inline try, then one per schedule entry and the first.
      expect(verifier.looked).toHaveLength(5);
    });
  });
});
