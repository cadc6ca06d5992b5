import { Module } from '@nestjs/common';
import { TencentUploadSigner } from './tencent-upload-signer';
import { TencentVodClient } from './tencent-vod.client';

/** Tencent Cloud VOD: the API adapter and the client-signature signer, built from `config.tencent`. */
@Module({ providers: [TencentVodClient, TencentUploadSigner], exports: [TencentVodClient, TencentUploadSigner] })
export class TencentModule {}
