import { randomBytes } from 'node:crypto';
import COS from 'cos-nodejs-sdk-v5';

type Answer = { code: number; message: string; data: Record<string, any> };
/** The temporary COS certificate of ApplyUpload (the service's answer) and ApplyUploadUGC. */
export type Certificate = { secretId: string; secretKey: string; token: string; expiredTime: number };

/** cos-nodejs-sdk-v5 at the emulator's COS stand-in, signing with a temporary certificate as a client does. */
export function cosFor(emulatorUrl: string, certificate: Certificate): COS {
  return new COS({
    Domain: emulatorUrl,
    getAuthorization: (_options, callback) =>
      callback({
        TmpSecretId: certificate.secretId,
        TmpSecretKey: certificate.secretKey,
        SecurityToken: certificate.token,
        StartTime: Math.floor(Date.now() / 1000),
        ExpiredTime: certificate.expiredTime,
      }),
  });
}

/**
 * One file uploaded as vod-js-sdk-v6 uploads it, against the emulator's client upload API (storage on):
 * ApplyUploadUGC with `signatures.apply`, the bytes into the COS stand-in with the certificate it hands
 * out, CommitUploadUGC with `signatures.commit` (one-time signatures are used once each). The commit
 * makes the emulator send Tencent's NewFileUpload; the answer is the new FileId.
 */
export async function uploadWithSignature(
  emulatorUrl: string,
  signatures: { apply: string; commit: string },
  size: number,
  type = 'mp4',
): Promise<string> {
  const call = async (action: string, body: Record<string, unknown>): Promise<Answer['data']> => {
    const response = await fetch(`${emulatorUrl}/v3/index.php?Action=${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Answer;
    if (answer.code !== 0) throw new Error(`${action} answered ${answer.code}: ${answer.message}`);
    return answer.data;
  };
  const applied = await call('ApplyUploadUGC', { signature: signatures.apply, videoName: 'clip', videoType: type, videoSize: size });
  const certificate = applied.tempCertificate as Certificate;
  const bucket = { Bucket: `${applied.storageBucket}-${applied.storageAppId}`, Region: applied.storageRegionV5 as string };
  await cosFor(emulatorUrl, certificate).putObject({ ...bucket, Key: applied.video.storagePath as string, Body: randomBytes(size) });
  const committed = await call('CommitUploadUGC', { signature: signatures.commit, vodSessionKey: applied.vodSessionKey });
  return committed.fileId as string;
}
