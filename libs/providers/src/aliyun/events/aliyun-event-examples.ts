// Request bodies as Alibaba documents them (aliyun-vod-ice.md §5), with our UserData Extend in them.

export const VOD_EVENT_EXAMPLE = {
  Status: 'success',
  EventTime: '2026-03-31T09:04:12Z',
  EventType: 'FileUploadComplete',
  VideoId: '93ab850b4f6f54b6e91d24d81d44****',
  Size: 1439213,
  FileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
  Extend: '{"userId":"alice","uploadId":"upl_3q2mD4v1Qb6xY0aZ9kLw8A"}',
};

export const IMS_EVENT_EXAMPLE = {
  EventType: 'FileUploadComplete',
  UserId: 1234567890,
  EventTime: '2026-03-31T09:04:12Z',
  MessageBody: {
    Status: 'Success',
    MediaId: '****20b48fb04483915d4f2cd8ac****',
    FileUrl: 'https://outin-example.oss-cn-shanghai.aliyuncs.com/sv/clip.mp4',
    Size: '5510872',
    MediaType: 'video',
    UserData: '{"Extend":{"userId":"alice","uploadId":"upl_3q2mD4v1Qb6xY0aZ9kLw8A"}}',
  },
};
