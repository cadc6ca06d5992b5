// What every Alibaba credential kind shares: the answer DTO, its expiry, UserData, the tag list rule.
export * from './aliyun-credential.dto';
export * from './tag-list.decorator';
export * from './upload-credential';
export * from './user-data';
