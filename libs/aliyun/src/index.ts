// Alibaba Cloud VOD (2017-03-21) and ICE/IMS (2020-11-09): the client, its operations, and the
// helpers the features share. The facts are in @app/registry (aliyun.facts.ts).
export * from './aliyun-credential.dto';
export * from './aliyun.client';
export { aliyunErrors, UPLOAD_NOT_FOUND } from './aliyun.errors';
export * from './aliyun.problems';
export * from './aliyun.module';
export type { AliyunOperation, AliyunProduct } from './operations/aliyun-operation';
export * from './operations/ice.operations';
export * from './operations/vod.operations';
export * from './tag-list.decorator';
export * from './upload-credential';
export * from './user-data';
