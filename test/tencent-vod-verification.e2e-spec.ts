import { ApiError } from '@app/common';
import { tencent } from '@app/providers';
import { UploadRecords } from '@app/uploads';
import { tencentVodApi } from './support/tencent-vod-client';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';

const alice = { id: 'alice', permissions: [] };

/** The app's Tencent verifier against the emulator: DescribeMediaInfos reports what the emulator's control set. */
describe('Tencent Cloud VOD verification (real app, emulator)', () => {
  let cloud: TestCloud;
  let sut: TestApp;
  let api: ReturnType<typeof tencentVodApi>;
  let verifier: tencent.TencentMediaVerifier;

  /** An mp3 applied for and committed through the service: its record, with the FileId and what was declared. */
  async function committed() {
    const applied = await api.apply('alice', { mediaType: 'MP3' });
    expect(applied.status).toBe(201);
    const { uploadId } = (await applied.json()) as { uploadId: string };
    const commit = await api.commit('alice', uploadId);
    expect(commit.status).toBe(200);
    const { mediaUrl } = (await commit.json()) as { mediaUrl: string };
    return { record: await sut.app.get(UploadRecords).findOwned(alice, uploadId), mediaUrl };
  }

  const control = async (body: Record<string, unknown>) => {
    const response = await fetch(`${cloud.emulator.url}/__emulator/tencent-vod/media`, { method: 'PUT', body: JSON.stringify(body) });
    expect(response.status).toBe(204);
  };

  beforeAll(async () => {
    cloud = await startTestCloud();
    sut = await startTestApp({ env: { ...cloud.env, TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: '600' } });
    api = tencentVodApi(sut);
    verifier = sut.app.get(tencent.TencentMediaVerifier);
  });
  afterAll(async () => {
    await sut.close();
    await cloud.close();
  });

  it('finds a committed upload stored, as the record declared it, within the configured limits', async () => {
    expect(tencent.TENCENT_PROVIDER.verifier).toBe(tencent.TencentMediaVerifier);
    const { record, mediaUrl } = await committed();
    expect(record.declared).toEqual({ format: 'mp3' });
    expect(verifier.limits(record)).toEqual({ maxSize: 10 * 1024 ** 3, maxDurationSeconds: 600 });
    // The SourceContext the service gave ApplyUpload names the upload: a second file under it is told apart.
    expect(await verifier.lookup(record)).toEqual({
      state: 'stored',
      uploadId: record.uploadId,
      size: expect.any(Number),
      format: 'mp3',
      fileUrl: mediaUrl,
    });
  });

  it('reports what the emulator was told: still uploading, then stored with its figures', async () => {
    const { record } = await committed();
    await control({ fileId: record.fileId, state: 'uploading' });
    expect(await verifier.lookup(record)).toEqual({ state: 'uploading', uploadId: record.uploadId });
    await control({ fileId: record.fileId, state: 'stored', size: 123_456, duration: 42.5, type: 'MP4' });
    expect(await verifier.lookup(record)).toMatchObject({ state: 'stored', size: 123_456, durationSeconds: 42.5, format: 'mp4' });
    await control({ fileId: record.fileId, state: 'absent' });
    expect(await verifier.lookup(record)).toEqual({ state: 'unknown' });
  });

  it('removes the file at VOD, and removing it again is no error', async () => {
    const { record } = await committed();
    const before = cloud.emulator.server.calls('tencent-vod', 'DeleteMedia');
    await verifier.remove(record);
    expect(await verifier.lookup(record)).toEqual({ state: 'unknown' });
    await verifier.remove(record);
    expect(cloud.emulator.server.calls('tencent-vod', 'DeleteMedia') - before).toBe(2);
  });

  it('throws the mapped ApiError when VOD cannot answer now, so the platform retries', async () => {
    const { record } = await committed();
    cloud.emulator.server.faults.inject({ kind: 'server-error', provider: 'tencent-vod', operation: 'DescribeMediaInfos', times: 1 });
    cloud.emulator.server.faults.inject({ kind: 'throttle', provider: 'tencent-vod', operation: 'DeleteMedia', times: 1 });
    const lookup = await verifier.lookup(record).catch((error: unknown) => error);
    expect(lookup).toBeInstanceOf(ApiError);
    expect([(lookup as ApiError).getStatus(), (lookup as ApiError).code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    const removal = await verifier.remove(record).catch((error: unknown) => error);
    expect([(removal as ApiError).getStatus(), (removal as ApiError).code]).toEqual([503, 'UPSTREAM_THROTTLED']);
    expect((await verifier.lookup(record)).state).toBe('stored');
  });
});
