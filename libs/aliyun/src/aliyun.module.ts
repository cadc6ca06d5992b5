import { Module } from '@nestjs/common';
import { AliyunAdapter } from './adapter/aliyun.adapter';

/** Provides the one AliyunAdapter (long-lived clients) to the VOD and IMS feature modules. */
@Module({ providers: [AliyunAdapter], exports: [AliyunAdapter] })
export class AliyunModule {}
