import { createWebhookEvent, type WebhookUpload } from './webhook-event';

const UPLOAD: WebhookUpload = {
  uploadId: 'upl_Qm3x8ZkP2vR7tYw1nB5cJg',
  userId: 'alice',
  provider: 'tencent-vod',
  kind: 'tencent-vod-media',
  status: 'uploaded',
  createdAt: '2026-11-23T08:15:30.120Z',
  updatedAt: '2026-11-23T08:17:02.455Z',
  fileId: '24820810452266399',
};

describe(createWebhookEvent.name, () => {
  it('is the documented body, with a fresh msg_ id and the event time', () => {
    const sut = createWebhookEvent('upload.completed', UPLOAD, new Date('2026-11-23T08:17:03.000Z'));
    expect(sut).toEqual({
      id: expect.stringMatching(/^msg_[0-9a-f]{32}$/),
      type: 'upload.completed',
      body: expect.any(String),
      queuedAt: 1795421823000,
    });
    expect(JSON.parse(sut.body)).toEqual({ type: 'upload.completed', timestamp: '2026-11-23T08:17:03.000Z', data: UPLOAD });
  });

  it('names each event by its upload and type: the same event published twice has one id, any other event another', () => {
    const sut = createWebhookEvent('upload.completed', UPLOAD);
    expect(createWebhookEvent('upload.completed', { ...UPLOAD, size: 5 }).id).toBe(sut.id);
    expect(createWebhookEvent('upload.failed', UPLOAD).id).not.toBe(sut.id);
    expect(createWebhookEvent('upload.completed', { ...UPLOAD, uploadId: 'upl_other' }).id).not.toBe(sut.id);
  });

  it('carries only the documented fields: a credential on the record never reaches the body', () => {
    const record = {
      ...UPLOAD,
      vodSessionKey: 'session-secret',
      uploadAuth: 'auth-secret',
      size: undefined,
      fileUrl: null,
    } as unknown as WebhookUpload;
    const body = createWebhookEvent('upload.completed', record).body;
    expect(body).not.toMatch(/session-secret|auth-secret|size|fileUrl/);
  });

  it("carries the upload's region profile, right after its kind, when it has one", () => {
    const body = createWebhookEvent('upload.completed', { ...UPLOAD, region: 'intl' }).body;
    expect(JSON.parse(body).data).toEqual({ ...UPLOAD, region: 'intl' });
    expect(body).toMatch(/"kind":"tencent-vod-media","region":"intl","status"/);
  });
});
