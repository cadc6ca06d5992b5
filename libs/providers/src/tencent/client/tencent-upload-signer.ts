import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { signUploadSignature, type UploadSignatureFields } from './upload-signature';
import { tencentSettings } from '../config/tencent.section';

/** Signs client upload signatures with the configured key pair; the SecretKey stays in here. */
@Injectable()
export class TencentUploadSigner {
  constructor(private readonly config: ConfigService) {}

  sign(fields: Omit<UploadSignatureFields, 'secretId'>): string {
    const { credentials } = tencentSettings(this.config);
    return signUploadSignature(credentials.secretKey, { ...fields, secretId: credentials.secretId });
  }
}
