import { ApiError } from '@app/common';
import { readTencentEvent } from './tencent-events';

describe(readTencentEvent.name, () => {
  it('reads Tencent NewFileUpload: the upload id from SourceContext, FileId and MediaUrl', () => {
    const event = readTencentEvent({
      EventType: 'NewFileUpload',
      FileUploadEvent: { FileId: 'f1', MediaBasicInfo: { MediaUrl: 'u', SourceInfo: { SourceContext: 'uploadId=upl_z&userId=alice' } } },
    });
    expect(event).toMatchObject({
      provider: 'tencent-vod',
      uploadId: 'upl_z',
      outcome: { status: 'uploaded', fileId: 'f1', fileUrl: 'u' },
    });
  });

  it('refuses a body without the event it names with 400', () => {
    expect(() => readTencentEvent({ EventType: 'NewFileUpload' })).toThrow(ApiError);
  });

  it('ignores an event type that is not about an upload', () => {
    expect(readTencentEvent({ EventType: 'ProcedureStateChanged' })).toEqual({
      provider: 'tencent-vod',
      type: 'ProcedureStateChanged',
      ignored: true,
    });
  });
});
