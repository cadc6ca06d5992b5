import { ApiError, ErrorCode, UPLOAD_ID_PATTERN } from '@app/common';
import { MemoryStore, type Store } from '@app/store';
import type { AppliedUpload, TencentClient } from '../../client';
import { ApplyUploadService } from './apply-upload.service';
import { fakeClient, rejection, testUploadRecords } from '@app/testing';
import { TENCENT_CONFIGS, tencentConfig } from '../../testing/tencent-config';
import { testRepository } from '../../testing/test-repository';
import { MEDIA } from './vod-media.kind';
import type { UploadListing, UploadRecords } from '@app/uploads';

const alice = { id: 'alice', permissions: [] };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function applied(expiredTime = inAnHour()): AppliedUpload {
  return {
    storageBucket: 'bucket-1250000000',
    storageRegion: 'ap-chongqing',
    mediaStoragePath: '/1/a/f0.mp4',
    coverStoragePath: null,
    vodSessionKey: 'session-key',
    tempCertificate: { secretId: 'AKIDtemp', secretKey: 'temp-secret', token: 'temp-token', expiredTime },
    requestId: 'req-apply',
  };
}

describe(ApplyUploadService.name, () => {
  let store: MemoryStore;
  let applyUpload: jest.Mock;
  let sut: ApplyUploadService;
  let records: UploadRecords;
  let listing: UploadListing;

  function build(env: Record<string, string> = {}, backing: Store = store) {
    const config = tencentConfig({
      TENCENTCLOUD_SECRET_ID: 'id',
      TENCENTCLOUD_SECRET_KEY: 'key',
      TENCENTCLOUD_VOD_SUB_APP_ID: '42',
      TENCENTCLOUD_VOD_STORAGE_REGION: 'ap-chongqing',
      TENCENTCLOUD_VOD_PROCEDURE: 'default-flow',
      TENCENTCLOUD_VOD_SESSION_MARGIN_SECONDS: '600',
      ...env,
    });
    ({ uploads: records, listing } = testUploadRecords(backing, TENCENT_CONFIGS));
    sut = new ApplyUploadService(config, fakeClient({ applyUpload }) as unknown as TencentClient, testRepository(backing), records);
  }

  beforeEach(() => {
    store = new MemoryStore('test:');
    applyUpload = jest.fn().mockResolvedValue(applied());
    build();
  });
  afterEach(() => store.close());

  it('sends the server settings over the client description, in Tencent form', async () => {
    await sut.apply(MEDIA, alice, {
      mediaType: 'mp4',
      coverType: 'jpg',
      mediaName: 'n',
      expireTime: '2031-01-01T08:00:00.750+08:00',
      sessionContext: 's',
    });
    const [request] = applyUpload.mock.calls[0];
    expect(request).toEqual({
      SubAppId: 42,
      MediaType: 'mp4',
      MediaName: 'n',
      CoverType: 'jpg',
      ExpireTime: '2031-01-01T00:00:00Z',
      Procedure: 'default-flow',
      ClassId: undefined,
      StorageRegion: 'ap-chongqing',
      SourceContext: expect.stringMatching(/^uploadId=upl_[A-Za-z0-9_-]{22}&userId=alice$/),
      SessionContext: 's',
    });
  });

  it('answers with our upload id and the certificate, and keeps the session key with its owner until expiry plus margin', async () => {
    const expiredTime = inAnHour();
    applyUpload.mockResolvedValue(applied(expiredTime));
    const response = await sut.apply(MEDIA, alice, { mediaType: 'mp4' });
    expect(response).toEqual({
      uploadId: expect.stringMatching(UPLOAD_ID_PATTERN),
      storageBucket: 'bucket-1250000000',
      storageRegion: 'ap-chongqing',
      mediaStoragePath: '/1/a/f0.mp4',
      coverStoragePath: null,
      tempCertificate: { secretId: 'AKIDtemp', secretKey: 'temp-secret', token: 'temp-token', expiredTime },
      expiresAt: new Date(expiredTime * 1000).toISOString().replace('.000Z', 'Z'),
      requestId: 'req-apply',
    });
    expect(JSON.stringify(response)).not.toContain('session-key');
    expect(applyUpload.mock.calls[0][0].SourceContext).toContain(response.uploadId);
    const uploads = testRepository(store);
    expect(await uploads.findSession(response.uploadId)).toEqual({
      ownerId: 'alice',
      vodSessionKey: 'session-key',
      expiresAt: (expiredTime + 600) * 1000,
    });
    expect(await records.findOwned(alice, response.uploadId)).toMatchObject({ kind: 'tencent-vod-media', status: 'issued' });
  });

  it('records the declared media type as the file format, lower case, and no size (ApplyUpload takes none)', async () => {
    const { uploadId } = await sut.apply(MEDIA, alice, { mediaType: 'MOV' });
    const record = await records.findOwned(alice, uploadId);
    expect(record.declared).toEqual({ format: 'mov' });
  });

  it('refuses a procedure off the allowlist before calling Tencent', async () => {
    const error = await rejection(sut.apply(MEDIA, alice, { mediaType: 'mp4', procedure: 'expensive' }));
    expect(error.details.errors).toEqual([{ field: 'procedure', message: 'procedure cannot be chosen on this deployment' }]);
    expect(applyUpload).not.toHaveBeenCalled();
  });

  it('answers 503 for a certificate that is already expired, storing nothing', async () => {
    applyUpload.mockResolvedValue(applied(Math.floor(Date.now() / 1000) - 1));
    const error = await rejection(sut.apply(MEDIA, alice, { mediaType: 'mp4' }));
    expect([error.getStatus(), error.code, error.details.upstreamRequestId]).toEqual([503, ErrorCode.UPSTREAM_UNAVAILABLE, 'req-apply']);
    expect(store.size).toBe(0);
  });

  it('leaves no upload record behind when the session cannot be written', async () => {
    const failing = new MemoryStore('test:');
    const set = failing.set.bind(failing);
    jest.spyOn(failing, 'set').mockImplementation(async (key, value, ttl) => {
      if (key.startsWith('tencent-vod:upload:')) throw new ApiError(503, ErrorCode.STORE_UNAVAILABLE, 'down');
      return set(key, value, ttl);
    });
    build({}, failing);
    expect((await rejection(sut.apply(MEDIA, alice, { mediaType: 'mp4' }))).code).toBe(ErrorCode.STORE_UNAVAILABLE);
    expect(failing.size).toBe(0);
    expect((await listing.list(alice, {}, 10)).items).toEqual([]);
    await failing.close();
  });
});
