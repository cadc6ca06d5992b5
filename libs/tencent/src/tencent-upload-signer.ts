import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { tencentNotConfigured } from './tencent-vod.client';
import { signUploadSignature, type UploadSignatureFields } from './upload-signature';

/** Signs client upload signatures with the configured key pair; the SecretKey stays in here. */
@Injectable()
export class TencentUploadSigner {
  constructor(private readonly config: ConfigService) {}

  sign(fields: Omit<UploadSignatureFields, 'secretId'>): string {
    const tencent = this.config.tencent;
    if (!tencent.enabled) throw tencentNotConfigured();
    return signUploadSignature(tencent.credentials.secretKey, { ...fields, secretId: tencent.credentials.secretId });
  }
}
