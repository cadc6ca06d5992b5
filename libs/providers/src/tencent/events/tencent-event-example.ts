// Request body as Tencent documents it (tencent-vod.md §5), with our SourceContext in it.
export const TENCENT_EVENT_EXAMPLE = {
  EventType: 'NewFileUpload',
  FileUploadEvent: {
    FileId: '5285890784273533167',
    MediaBasicInfo: {
      MediaUrl: 'http://example.vod2.myqcloud.com/q1BORBPQH1IA.mp4',
      SourceInfo: { SourceType: 'Upload', SourceContext: 'uploadId=upl_3q2mD4v1Qb6xY0aZ9kLw8A&userId=alice' },
    },
  },
};
