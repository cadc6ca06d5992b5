// The Alibaba Cloud VOD (2017-03-21) and ICE/IMS (2020-11-09) client and its operations, for this provider's kinds.
export * from './aliyun.client';
export { aliyunErrors } from './aliyun.errors';
export * from './aliyun.problems';
export type { AliyunOperation, AliyunProduct } from './operations/aliyun-operation';
export * from './operations/ice-media.operations';
export * from './operations/ice.operations';
export * from './operations/vod-media.operations';
export * from './operations/vod.operations';
