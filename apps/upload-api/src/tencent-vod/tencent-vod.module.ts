import { Module } from '@nestjs/common';

/** Tencent Cloud VOD: ApplyUpload + CommitUpload, client upload signatures. */
@Module({})
export class TencentVodModule {}
