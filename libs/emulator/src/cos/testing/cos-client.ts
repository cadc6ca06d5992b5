import COS from 'cos-nodejs-sdk-v5';

export interface TempCertificate {
  SecretId?: string;
  SecretKey?: string;
  Token?: string;
  ExpiredTime?: number;
}

/**
 * cos-nodejs-sdk-v5 as a client uses ApplyUpload's answer: the temporary certificate through
 * getAuthorization, and the emulator's origin as `Domain` (with its scheme: no Protocol needed).
 */
export function cosClientFor(domain: string, certificate: TempCertificate, startTime = Math.floor(Date.now() / 1000)): COS {
  return new COS({
    Domain: domain,
    getAuthorization: (_options, callback) =>
      callback({
        TmpSecretId: certificate.SecretId ?? '',
        TmpSecretKey: certificate.SecretKey ?? '',
        SecurityToken: certificate.Token ?? '',
        StartTime: startTime,
        ExpiredTime: certificate.ExpiredTime ?? 0,
      }),
  });
}
