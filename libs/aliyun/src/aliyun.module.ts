import { Module } from '@nestjs/common';
import { AliyunClient } from './aliyun.client';

/** Provides the one AliyunClient (long-lived openapi-clients) to the VOD and IMS feature modules. */
@Module({ providers: [AliyunClient], exports: [AliyunClient] })
export class AliyunModule {}
