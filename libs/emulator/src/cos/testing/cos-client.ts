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

/** The error a COS call rejects with, reduced to what tests compare. */
export async function cosFailure(call: Promise<unknown>): Promise<{ statusCode?: number; code?: string; message?: string }> {
  const error = (await call.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { statusCode?: number; code?: string; message?: string } | undefined;
  if (!error) throw new Error('expected the call to fail');
  return { statusCode: error.statusCode, code: error.code, message: error.message };
}
