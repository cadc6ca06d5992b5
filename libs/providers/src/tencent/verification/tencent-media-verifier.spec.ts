import { ApiError, ErrorCode } from '@app/common';
import { fakeClient, rejection } from '@app/testing';
import type { UploadRecord } from '@app/uploads';
import type { DescribedMedia, DescribedMediaInfos, TencentClient } from '../client';
import { VOD_MEDIA } from '../kinds/vod-media/vod-media.kind';
import { tencentConfig } from '../testing/tencent-config';
import { TencentMediaVerifier } from './tencent-media-verifier';

const CONFIGURED = { TENCENTCLOUD_SECRET_ID: 'id', TENCENTCLOUD_SECRET_KEY: 'key', TENCENTCLOUD_VOD_SUB_APP_ID: '42' };
const FILE_ID = '5285485487985271487';

const record = (fields: Partial<UploadRecord> = {}): UploadRecord => ({
  uploadId: 'upl_3q2mD4v1Qb6xY0aZ9kLw8A',
  ownerId: 'alice',
  provider: 'tencent-vod',
  kind: VOD_MEDIA.spec.id,
  status: 'verifying',
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  fileId: FILE_ID,
  ...fields,
});

const media = (fields: Partial<DescribedMedia> = {}): DescribedMedia => ({
  fileId: FILE_ID,
  basicInfo: { name: 'clip', type: 'MP4', mediaUrl: 'http://42.vod2.myqcloud.com/a/b/f0.mp4', sourceContext: null },
  metaData: { size: 10_556, durationSeconds: 3601.5, container: 'mov,mp4' },
  ...fields,
});

const described = (fields: Partial<DescribedMediaInfos> = {}): DescribedMediaInfos => ({
  media: [media()],
  notExist: [],
  requestId: 'req-describe',
  ...fields,
});

describe(TencentMediaVerifier.name, () => {
  let describeMediaInfos: jest.Mock;
  let deleteMedia: jest.Mock;
  let sut: TencentMediaVerifier;

  const build = (env: Record<string, string> = {}) => {
    const client = fakeClient({ describeMediaInfos, deleteMedia }) as unknown as TencentClient;
    sut = new TencentMediaVerifier(tencentConfig({ ...CONFIGURED, ...env }), client);
  };

  beforeEach(() => {
    describeMediaInfos = jest.fn().mockResolvedValue(described());
    deleteMedia = jest.fn().mockResolvedValue({ deleted: true, requestId: 'req-delete' });
    build();
  });

  it('answers for the Tencent VOD product, and tells under which upload a file was stored', () => {
    expect(sut.products).toEqual(['tencent-vod']);
    expect(sut.reportsUploadId).toBe(true);
  });

  it('reports the upload the SourceContext names, stored or still uploading', async () => {
    const basicInfo = { name: 'clip', type: 'mp4', mediaUrl: null, sourceContext: 'uploadId=upl_other&userId=alice' };
    describeMediaInfos.mockResolvedValue(described({ media: [media({ basicInfo })] }));
    expect(await sut.lookup(record())).toMatchObject({ state: 'stored', uploadId: 'upl_other' });
    describeMediaInfos.mockResolvedValue(described({ media: [media({ basicInfo, metaData: null })] }));
    expect(await sut.lookup(record())).toEqual({ state: 'uploading', uploadId: 'upl_other' });
    const foreign = { ...basicInfo, sourceContext: 'userId=alice' };
    describeMediaInfos.mockResolvedValue(described({ media: [media({ basicInfo: foreign })] }));
    expect(await sut.lookup(record())).not.toHaveProperty('uploadId');
  });

  it('asks for the basic information and metadata of the file, in the configured application', async () => {
    await sut.lookup(record());
    expect(describeMediaInfos).toHaveBeenCalledWith({ FileIds: [FILE_ID], Filters: ['basicInfo', 'metaData'], SubAppId: 42 });
  });

  it('reports a stored file with its size, duration, lower-case type and URL', async () => {
    expect(await sut.lookup(record())).toEqual({
      state: 'stored',
      size: 10_556,
      durationSeconds: 3601.5,
      format: 'mp4',
      fileUrl: 'http://42.vod2.myqcloud.com/a/b/f0.mp4',
    });
  });

  it('leaves out a duration of 0 and what the basic information does not give', async () => {
    describeMediaInfos.mockResolvedValue(
      described({ media: [media({ basicInfo: null, metaData: { size: 7, durationSeconds: 0, container: null } })] }),
    );
    expect(await sut.lookup(record())).toEqual({ state: 'stored', size: 7 });
  });

  it('is still uploading without a FileId, asking nothing', async () => {
    expect(await sut.lookup(record({ fileId: undefined }))).toEqual({ state: 'uploading' });
    expect(describeMediaInfos).not.toHaveBeenCalled();
  });

  it('is still uploading while VOD gives no metadata', async () => {
    describeMediaInfos.mockResolvedValue(described({ media: [media({ metaData: null })] }));
    expect(await sut.lookup(record())).toEqual({ state: 'uploading' });
  });

  it('is unknown when VOD lists the FileId as not existing', async () => {
    describeMediaInfos.mockResolvedValue(described({ media: [], notExist: [FILE_ID] }));
    expect(await sut.lookup(record())).toEqual({ state: 'unknown' });
  });

  it('answers 503 (retried later) when VOD neither finds nor lists the FileId', async () => {
    describeMediaInfos.mockResolvedValue(described({ media: [media({ fileId: '1' })] }));
    const error = await rejection(sut.lookup(record()));
    expect([error.getStatus(), error.code, error.details.upstreamRequestId]).toEqual([503, ErrorCode.UPSTREAM_UNAVAILABLE, 'req-describe']);
  });

  it("passes the client's ApiError on, so the platform retries", async () => {
    const throttled = new ApiError(503, ErrorCode.UPSTREAM_THROTTLED, 'throttled');
    describeMediaInfos.mockRejectedValue(throttled);
    deleteMedia.mockRejectedValue(throttled);
    expect(await rejection(sut.lookup(record()))).toBe(throttled);
    expect(await rejection(sut.remove(record()))).toBe(throttled);
  });

  it('deletes the whole file in the configured application', async () => {
    await sut.remove(record());
    expect(deleteMedia).toHaveBeenCalledWith({ FileId: FILE_ID, SubAppId: 42 });
  });

  it('has nothing to delete without a FileId', async () => {
    await sut.remove(record({ fileId: undefined }));
    expect(deleteMedia).not.toHaveBeenCalled();
  });

  it('allows 10 GiB and any duration by default, and what the deployment sets', () => {
    expect(sut.limits(record())).toEqual({ maxSize: 10 * 1024 ** 3 });
    build({ TENCENTCLOUD_VOD_MAX_FILE_SIZE: '1000', TENCENTCLOUD_VOD_MAX_DURATION_SECONDS: '60' });
    expect(sut.limits(record())).toEqual({ maxSize: 1000, maxDurationSeconds: 60 });
  });
});
