import { lookup } from 'node:dns';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { vod } from 'tencentcloud-sdk-nodejs-vod';
import type { KeyPair } from '@app/emulator';
import { EMULATED_SUB_APP_ID } from '@app/emulator';

/**
 * ApplyUpload through the Tencent SDK client. The SDK signs the host it sends to, so the emulator
 * is addressed as vod.tencentcloudapi.com:<port> and a keep-alive agent connects that name to the
 * loopback address (what libs/tencent/src/vod-transport.ts does for the service).
 */
export function tencentApplyUpload(emulatorUrl: string, key: KeyPair): (n: number) => Promise<unknown> {
  const url = new URL(emulatorUrl);
  const agent = new http.Agent({
    keepAlive: true,
    lookup: (_hostname, options, callback) => lookup(url.hostname, options, callback),
  });
  const client = new vod.v20180717.Client({
    credential: { secretId: key.id, secretKey: key.secret },
    region: 'ap-guangzhou',
    profile: {
      signMethod: 'TC3-HMAC-SHA256',
      httpProfile: { endpoint: `vod.tencentcloudapi.com:${url.port}`, protocol: 'http://', reqMethod: 'POST', reqTimeout: 5, agent },
    },
  });
  return (n) =>
    client.ApplyUpload({
      SubAppId: EMULATED_SUB_APP_ID,
      MediaType: 'mp4',
      SourceContext: `uploadId=upl_${randomBytes(16).toString('base64url')}&userId=bench-loop-user-${n % 1000}`,
    });
}
