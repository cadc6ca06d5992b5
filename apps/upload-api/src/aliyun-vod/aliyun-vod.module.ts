import { Module } from '@nestjs/common';

/** Alibaba Cloud VOD: videos (create, refresh), images, attached media. */
@Module({})
export class AliyunVodModule {}
