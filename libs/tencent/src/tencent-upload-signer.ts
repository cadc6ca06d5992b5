import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { signUploadSignature, type UploadSignatureFields } from './upload-signature';

/** Signs client upload signatures with the configured key pair; the SecretKey stays in here. */
@Injectable()
export class TencentUploadSigner {
  constructor(private readonly config: ConfigService) {}

  sign(fields: Omit<UploadSignatureFields, 'secretId'>): string {
    const { credentials } = this.config.product('tencent-vod');
    return signUploadSignature(credentials.secretKey, { ...fields, secretId: credentials.secretId });
  }
}
