import { createHmac } from 'node:crypto';
import { ApiError } from '@app/common';
import { MemoryStore } from '@app/store';
import { TencentUploadSigner } from '../../client';
import { TencentVodUploadRepository } from '../../vod/tencent-vod-upload.repository';
import { UploadSignatureService } from './upload-signature.service';
import { TENCENT_CONFIGS, tencentConfig } from '../../testing/tencent-config';
import { testRepository } from '../../testing/test-repository';
import { VOD_SIGNATURE } from './vod-signature.kind';

const SIGNATURE = VOD_SIGNATURE.spec;
import { testUploadRecords } from '@app/testing';
import type { UploadListing, UploadRecords } from '@app/uploads';

const SECRET_KEY = 'signature-service-secret-key-000';

function decode(signature: string): Record<string, string> {
  const bytes = Buffer.from(signature, 'base64');
  const original = bytes.subarray(20);
  expect(bytes.subarray(0, 20).equals(createHmac('sha1', SECRET_KEY).update(original).digest())).toBe(true);
  return Object.fromEntries(new URLSearchParams(original.toString('utf8')));
}

describe(UploadSignatureService.name, () => {
  let store: MemoryStore;
  let uploads: TencentVodUploadRepository;
  let records: UploadRecords;
  let listing: UploadListing;
  let sut: UploadSignatureService;

  function build(env: Record<string, string> = {}) {
    const config = tencentConfig({
      TENCENTCLOUD_SECRET_ID: 'AKIDsig',
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENTCLOUD_VOD_SUB_APP_ID: '42',
      ...env,
    });
    sut = new UploadSignatureService(config, new TencentUploadSigner(config), uploads, records);
  }

  /** The quota is the records' to spend: their configuration says it. */
  const withQuota = (units: number) => {
    ({ uploads: records, listing } = testUploadRecords(store, TENCENT_CONFIGS, [], { DAILY_QUOTA_TENCENT_VOD_SIGNATURE: String(units) }));
  };

  beforeEach(() => {
    store = new MemoryStore('test:');
    uploads = testRepository(store);
    ({ uploads: records, listing } = testUploadRecords(store, TENCENT_CONFIGS));
    build();
  });
  afterEach(() => store.close());

  it('signs the server settings with the configured TTL, one-time by default', async () => {
    build({
      TENCENTCLOUD_VOD_SIGNATURE_TTL_SECONDS: '600',
      TENCENTCLOUD_VOD_STORAGE_REGION: 'ap-chongqing',
      TENCENTCLOUD_VOD_PROCEDURE: 'default-flow',
      TENCENTCLOUD_VOD_CLASS_IDS: '5',
    });
    const before = Math.floor(Date.now() / 1000);
    const { uploadId, signature, expiresAt } = await sut.create(
      SIGNATURE,
      { id: 'alice', permissions: [] },
      { classId: 5, sessionContext: 'ctx' },
    );
    const fields = decode(signature);
    expect(fields).toEqual({
      secretId: 'AKIDsig',
      currentTimeStamp: expect.any(String),
      expireTime: String(Number(fields.currentTimeStamp) + 600),
      random: expect.stringMatching(/^\d+$/),
      classId: '5',
      procedure: 'default-flow',
      sourceContext: `uploadId=${uploadId}&userId=alice`,
      oneTimeValid: '1',
      vodSubAppId: '42',
      sessionContext: 'ctx',
      storageRegion: 'ap-chongqing',
    });
    expect(Number(fields.currentTimeStamp)).toBeGreaterThanOrEqual(before);
    expect(Number(fields.random)).toBeLessThanOrEqual(0xffffffff);
    expect(Date.parse(expiresAt) / 1000).toBe(Number(fields.expireTime));
  });

  it('declares nothing of the file: the signature request describes none', async () => {
    const alice = { id: 'alice', permissions: [] };
    const { uploadId } = await sut.create(SIGNATURE, alice, {});
    expect(await records.findOwned(alice, uploadId)).not.toHaveProperty('declared');
  });

  it('leaves oneTimeValid out when the deployment turns it off', async () => {
    build({ TENCENTCLOUD_VOD_SIGNATURE_ONE_TIME: 'false' });
    expect(decode((await sut.create(SIGNATURE, { id: 'a', permissions: [] }, {})).signature)).not.toHaveProperty('oneTimeValid');
  });

  it('draws another random when one was already used in the same second, writing nothing for the first', async () => {
    await store.set('{a}used-nonce', '1', 60_000);
    const nonce = jest.spyOn(uploads, 'signatureNonce').mockReturnValueOnce({ key: '{a}used-nonce', value: '1', ttlMs: 60_000 });
    await sut.create(SIGNATURE, { id: 'a', permissions: [] }, {});
    expect(nonce).toHaveBeenCalledTimes(2);
    expect((await listing.list({ id: 'a', permissions: [] }, {}, 10)).items).toHaveLength(1);
  });

  it('answers 503 rather than reuse a random, and spends no quota unit', async () => {
    withQuota(1);
    build();
    await store.set('{a}used-nonce', '1', 60_000);
    jest.spyOn(uploads, 'signatureNonce').mockReturnValue({ key: '{a}used-nonce', value: '1', ttlMs: 60_000 });
    const error = await sut.create(SIGNATURE, { id: 'a', permissions: [] }, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(503);
    jest.restoreAllMocks();
    await expect(sut.create(SIGNATURE, { id: 'a', permissions: [] }, {})).resolves.toHaveProperty('signature');
  });

  it('spends a daily-quota unit with each new upload (429 once used up), none for the next signature of one', async () => {
    withQuota(1);
    build({ TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD: '3' });
    const alice = { id: 'alice', permissions: [] };
    const first = await sut.create(SIGNATURE, alice, {});
    const error = await sut.create(SIGNATURE, alice, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect((error as ApiError).getStatus()).toBe(429);
    await expect(sut.create(SIGNATURE, alice, { uploadId: first.uploadId })).resolves.toMatchObject({ uploadId: first.uploadId });
    expect((await listing.list(alice, {}, 10)).items).toHaveLength(1);
  });

  it('never repeats a signature', async () => {
    const signatures = await Promise.all(Array.from({ length: 50 }, () => sut.create(SIGNATURE, { id: 'a', permissions: [] }, {})));
    expect(new Set(signatures.map((entry) => entry.signature)).size).toBe(50);
  });

  it('opens a signature session: the next signatures of the upload keep its uploadId, up to the configured number', async () => {
    build({ TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD: '3' });
    const alice = { id: 'alice', permissions: [] };
    const first = await sut.create(SIGNATURE, alice, {});
    const second = await sut.create(SIGNATURE, alice, { uploadId: first.uploadId });
    const third = await sut.create(SIGNATURE, alice, { uploadId: first.uploadId });
    expect(new Set([first.signature, second.signature, third.signature]).size).toBe(3);
    expect(decode(third.signature).sourceContext).toBe(`uploadId=${first.uploadId}&userId=alice`);
    expect(await sut.create(SIGNATURE, alice, { uploadId: first.uploadId }).catch((error: ApiError) => error.code)).toBe('CONFLICT');
    expect((await listing.list(alice, {}, 10)).items).toHaveLength(1);
  });

  it('gives no signature for an upload that is not an open session of the caller', async () => {
    const alice = { id: 'alice', permissions: [] };
    const { uploadId } = await sut.create(SIGNATURE, alice, {});
    expect(await sut.create(SIGNATURE, { id: 'bob', permissions: [] }, { uploadId }).catch((error: ApiError) => error.code)).toBe(
      'NOT_FOUND',
    );
    await records.revoke(alice, uploadId);
    expect(await sut.create(SIGNATURE, alice, { uploadId }).catch((error: ApiError) => error.code)).toBe('UPLOAD_REVOKED');
  });
});
