import { Logger } from '@nestjs/common';
import type { AliyunClient, CreateUploadVideoRequest, UploadVideoResponseBody } from '../../client';
import { ApiError, UPLOAD_ID_PATTERN } from '@app/common';
import { fakeClient, testUploadRecords } from '@app/testing';
import { aliyunConfig } from '../../testing/aliyun-config';
import { VOD_VIDEO } from './vod-video.kind';
import { VideosService } from './videos.service';

const VIDEO = VOD_VIDEO.spec;

const auth = (fields: object) => Buffer.from(JSON.stringify(fields)).toString('base64');
const ANSWER: UploadVideoResponseBody = {
  requestId: 'REQ-1',
  videoId: 'vid-1',
  uploadAddress: 'ADDR',
  uploadAuth: auth({ ExpireUTCTime: '2030-01-01T00:00:00Z' }),
};
const alice = { id: 'alice', permissions: [] };

function setup(env: Record<string, string> = {}) {
  const config = aliyunConfig({
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
    ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_VOD_APP_ID: 'app-2000000',
    ALIBABA_CLOUD_VOD_STORAGE_LOCATION: 'outin-abc.oss-cn-shanghai.aliyuncs.com',
    ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID: 'default-group',
    ALIBABA_CLOUD_VOD_WORKFLOW_ID: 'default-flow',
    ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS: 'chosen-group',
    ALIBABA_CLOUD_VOD_WORKFLOW_IDS: 'chosen-flow',
    ALIBABA_CLOUD_VOD_CATE_IDS: '7',
    ALIBABA_CLOUD_VOD_CALLBACK_URL: 'https://hooks.example.com/vod',
    ALIBABA_CLOUD_VOD_VIDEO_MAX_FILE_SIZE: '1000',
    ...env,
  });
  const adapter = { createUploadVideo: jest.fn().mockResolvedValue(ANSWER), refreshUploadVideo: jest.fn().mockResolvedValue(ANSWER) };
  const { uploads, listing, repository } = testUploadRecords();
  const sut = new VideosService(fakeClient(adapter) as unknown as AliyunClient, uploads, config);
  return { sut, adapter, uploads, listing, repository };
}

const sent = (adapter: { createUploadVideo: jest.Mock }) => adapter.createUploadVideo.mock.calls[0][0] as CreateUploadVideoRequest;

describe(VideosService.name, () => {
  it('sends the server-owned fields from config and the client fields as given', async () => {
    const { sut, adapter } = setup();
    const result = await sut.create(VIDEO, alice, {
      title: 'T',
      fileName: 'a.mp4',
      fileSize: 10,
      tags: ['x', 'y'],
      cateId: 7,
      coverUrl: 'https://c.example.com/c.jpg',
    });
    const request = sent(adapter);
    expect(request).toMatchObject({
      appId: 'app-2000000',
      storageLocation: 'outin-abc.oss-cn-shanghai.aliyuncs.com',
      templateGroupId: 'default-group',
      workflowId: 'default-flow',
      title: 'T',
      fileName: 'a.mp4',
      fileSize: 10,
      tags: 'x,y',
      cateId: 7,
      coverURL: 'https://c.example.com/c.jpg',
    });
    expect(JSON.parse(request.userData!)).toEqual({
      MessageCallback: { CallbackURL: 'https://hooks.example.com/vod' },
      Extend: { userId: 'alice', uploadId: result.uploadId },
    });
    expect(result).toEqual({
      uploadId: expect.stringMatching(UPLOAD_ID_PATTERN),
      videoId: 'vid-1',
      uploadAddress: 'ADDR',
      uploadAuth: ANSWER.uploadAuth,
      expiresAt: '2030-01-01T00:00:00Z',
      requestId: 'REQ-1',
    });
  });

  it('records what the request declared of the file: its size and its extension, lower case', async () => {
    const { sut, uploads } = setup();
    const created = await sut.create(VIDEO, alice, { title: 'T', fileName: 'D:\\Clip.MOV', fileSize: 10 });
    expect((await uploads.findOwned(alice, created.uploadId)).declared).toEqual({ size: 10, format: 'mov' });
    const bare = await sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' });
    expect((await uploads.findOwned(alice, bare.uploadId)).declared).toEqual({ format: 'mp4' });
  });

  it('replaces both defaults by an allowlisted client choice', async () => {
    const { sut, adapter } = setup();
    await sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4', templateGroupId: 'chosen-group' });
    expect(sent(adapter)).toMatchObject({ templateGroupId: 'chosen-group', workflowId: undefined });
  });

  it('refuses choices outside the allowlists and sizes over the maximum, naming each field, without a call', async () => {
    const { sut, adapter } = setup();
    const error = await sut
      .create(VIDEO, alice, { title: 'T', fileName: 'a.mp4', templateGroupId: 'other', workflowId: 'other', cateId: 8, fileSize: 1001 })
      .catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details.errors?.map((e) => e.field)).toEqual(['templateGroupId', 'workflowId', 'cateId', 'fileSize']);
    expect(adapter.createUploadVideo).not.toHaveBeenCalled();
  });

  it('passes a referenceId through as ReferenceId, and refuses a malformed one', async () => {
    const { sut, adapter } = setup();
    await sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' }, 'idem-key_123');
    expect(sent(adapter).referenceId).toBe('idem-key_123');
    await expect(sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' }, 'short')).rejects.toThrow(RangeError);
  });

  it('records the upload with its video id, and lets only the owner refresh it while it is open', async () => {
    const { sut, adapter, uploads } = setup();
    const created = await sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' });
    expect(await uploads.findOwnedByProviderId(alice, 'aliyun-vod', 'videoId', 'vid-1')).toMatchObject({
      uploadId: created.uploadId,
      kind: 'aliyun-vod-video',
      status: 'issued',
      videoId: 'vid-1',
    });
    expect(await sut.refresh(VIDEO, alice, 'vid-1')).toMatchObject({ uploadId: created.uploadId, videoId: 'vid-1' });
    const bob = await sut.refresh(VIDEO, { id: 'bob', permissions: [] }, 'vid-1').catch((e: ApiError) => e);
    const unknown = await sut.refresh(VIDEO, alice, 'vid-2').catch((e: ApiError) => e);
    expect(bob).toEqual(unknown);
    expect((bob as ApiError).getStatus()).toBe(404);
    await uploads.revoke(alice, created.uploadId);
    await expect(sut.refresh(VIDEO, alice, 'vid-1')).rejects.toMatchObject({ code: 'UPLOAD_REVOKED' });
    expect(adapter.refreshUploadVideo).toHaveBeenCalledTimes(1);
  });

  it('refuses to refresh a complete upload (409): the provider would overwrite the reviewed file', async () => {
    const { sut, adapter, uploads } = setup();
    const created = await sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' });
    await uploads.complete(created.uploadId, { status: 'uploaded', videoId: 'vid-1' });
    await expect(sut.refresh(VIDEO, alice, 'vid-1')).rejects.toMatchObject({ code: 'UPLOAD_COMPLETED' });
    expect(adapter.refreshUploadVideo).not.toHaveBeenCalled();
  });

  it('answers ids that cannot be ours with 404 without looking them up', async () => {
    const { sut, repository } = setup();
    const lookup = jest.spyOn(repository, 'findLinked');
    await expect(sut.refresh(VIDEO, alice, 'a:b{c}')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('leaves no record when the provider refuses, and counts an orphan when the answer cannot be recorded', async () => {
    const { sut, adapter, listing, repository } = setup();
    adapter.createUploadVideo.mockRejectedValueOnce(new ApiError(502, 'UPSTREAM_REJECTED', 'no'));
    await expect(sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' })).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
    expect((await listing.list(alice, {}, 10)).items).toEqual([]);

    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(repository, 'link').mockRejectedValueOnce(new Error('an unexpected failure'));
    await expect(sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' })).rejects.toThrow('an unexpected failure');
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'upload created but its record was not completed', videoId: 'vid-1' }),
    );
    warn.mockRestore();
  });

  it('waits for the store to come back rather than orphan an upload the provider already made', async () => {
    const { sut, repository } = setup();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const link = jest.spyOn(repository, 'link').mockRejectedValueOnce(new ApiError(503, 'STORE_UNAVAILABLE', 'down'));
    const created = await sut.create(VIDEO, alice, { title: 'T', fileName: 'a.mp4' });
    expect(created.videoId).toBe('vid-1');
    expect(link).toHaveBeenCalledTimes(2);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
