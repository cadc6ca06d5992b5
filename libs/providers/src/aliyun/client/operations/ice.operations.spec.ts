import { CREATE_UPLOAD_MEDIA } from './ice.operations';

describe('CREATE_UPLOAD_MEDIA', () => {
  it('serialises the structured parts into the JSON strings the API takes, with PascalCase keys', () => {
    const query = CREATE_UPLOAD_MEDIA.toQuery({
      appId: 'app-1000000',
      fileInfo: { Type: 'video', Name: 'test', Size: 108078336, Ext: 'mp4' },
      mediaMetaData: { Title: 'UploadTest', Description: undefined, Tags: 'tag1,tag2', BusinessType: 'opening' },
      uploadTargetConfig: { StorageType: 'oss', StorageLocation: 'outin-x.oss-cn-shanghai.aliyuncs.com' },
      postProcessConfig: { ProcessType: 'Workflow', ProcessID: 'wf' },
      userData: '{"Extend":{}}',
    });
    expect(query).toEqual({
      AppId: 'app-1000000',
      FileInfo: '{"Type":"video","Name":"test","Size":108078336,"Ext":"mp4"}',
      MediaMetaData: '{"Title":"UploadTest","Tags":"tag1,tag2","BusinessType":"opening"}',
      UploadTargetConfig: '{"StorageType":"oss","StorageLocation":"outin-x.oss-cn-shanghai.aliyuncs.com"}',
      PostProcessConfig: '{"ProcessType":"Workflow","ProcessID":"wf"}',
      UserData: '{"Extend":{}}',
    });
  });

  it('leaves unset parts out entirely', () => {
    const query = CREATE_UPLOAD_MEDIA.toQuery({
      fileInfo: { Type: 'image', Name: 'a', Ext: 'png' },
      mediaMetaData: { Title: 't', BusinessType: 'cover' },
    });
    expect(Object.keys(query)).toEqual(['FileInfo', 'MediaMetaData']);
  });
});
