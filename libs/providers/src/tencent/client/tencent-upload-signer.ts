import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/config';
import { signUploadSignature, type UploadSignatureFields } from './upload-signature';
import { tencentSettings } from '../config/tencent.section';

/** Signs client upload signatures with the key pair of the upload's region profile; the SecretKey stays in here. */
@Injectable()
export class TencentUploadSigner {
  constructor(private readonly config: ConfigService) {}

  /** `region`: the profile whose account (and sub-application) the upload goes to; the default one when omitted. */
  sign(fields: Omit<UploadSignatureFields, 'secretId'>, region?: string): string {
    const { credentials } = tencentSettings(this.config, region);
    return signUploadSignature(credentials.secretKey, { ...fields, secretId: credentials.secretId });
  }
}
