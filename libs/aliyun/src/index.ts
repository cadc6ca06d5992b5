// Alibaba Cloud VOD (2017-03-21) and ICE/IMS (2020-11-09) adapter and provider facts.
export * from './aliyun.constants';
export * from './aliyun.module';
export * from './adapter/aliyun.adapter';
export * from './adapter/aliyun-configured.guard';
export { UPLOAD_NOT_FOUND } from './adapter/error-mapper';
export type { AliyunProduct } from './adapter/operations';
export * from './models/ice.models';
export * from './models/vod.models';
export * from './upload-credential';
export * from './user-data';
export * from './dto/tag-list.decorator';
