import { Module } from '@nestjs/common';

/** Alibaba Cloud IMS: media (create, refresh). */
@Module({})
export class AliyunImsModule {}
