import { Agent } from 'node:http';
import { vod } from 'tencentcloud-sdk-nodejs-vod';

/**
 * The real tencentcloud-sdk-nodejs-vod client as its README configures it, pointed at the emulator:
 * signed for vod.tencentcloudapi.com, connected to loopback.
 */
export function vodSdkClient(url: string, credential: { secretId: string; secretKey: string }) {
  const agent = new Agent({
    keepAlive: true,
    lookup: (_host, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
  });
  const client = new vod.v20180717.Client({
    credential,
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: `vod.tencentcloudapi.com:${new URL(url).port}`, protocol: 'http://', agent } },
  });
  return { client, agent, close: () => agent.destroy() };
}

/** The code of the error a call rejects with; undefined when it succeeds. */
export async function errorCode(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => undefined,
    (caught: { code?: string }) => caught,
  );
  return error?.code;
}
