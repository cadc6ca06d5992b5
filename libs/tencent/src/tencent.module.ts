import { Module } from '@nestjs/common';
import { TencentClient } from './tencent.client';
import { TencentUploadSigner } from './tencent-upload-signer';

/** Tencent Cloud VOD: the API client and the client-signature signer, built from `config.tencent`. */
@Module({ providers: [TencentClient, TencentUploadSigner], exports: [TencentClient, TencentUploadSigner] })
export class TencentModule {}
