import { randomBytes } from 'node:crypto';
import { type KeyPair, type RunningEmulator, startEmulator } from '@app/emulator';
import { freePort } from '@app/testing';
import { aliyunTestEnv } from './aliyun-test-env';
import { tencentTestEnv } from './tencent-test-env';

export interface EventfulCloud {
  emulator: RunningEmulator;
  /** Where the service must listen: the callbacks are addressed there. */
  port: number;
  serviceUrl: string;
  secrets: { vodAuthKey: string; imsAuthKey: string; tencentToken: string };
  /** The service's environment: providers at the emulator, callbacks to the service, their secrets. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const alnum = (length: number) => randomBytes(length).toString('hex').slice(0, length);

/**
 * The emulator with its completion events on: Alibaba callbacks signed with AuthKeys the service
 * also gets, and Tencent's NewFileUpload PUSHed to the service's token URL, or queued for PullEvents
 * when `tencentMode` is 'pull'. With `storage`, clients upload into the emulator's stand-ins.
 */
export async function startEventfulCloud(
  options: {
    tencentMode?: 'push' | 'pull';
    pullWaitMs?: number;
    eventClock?: () => number;
    storage?: boolean;
    port?: number;
    aliyunRegion?: string;
  } = {},
): Promise<EventfulCloud> {
  // Another cloud's service port, for a second cloud (a second region) calling back the same service.
  const port = options.port ?? (await freePort());
  const serviceUrl = `http://127.0.0.1:${port}`;
  const secrets = { vodAuthKey: `Vod${alnum(20)}`, imsAuthKey: `Ims${alnum(20)}`, tencentToken: alnum(40) };
  const aliyunKey: KeyPair = { id: `test-ak-${alnum(12)}`, secret: randomBytes(24).toString('base64url') };
  const tencentKey: KeyPair = { id: `test-sid-${alnum(12)}`, secret: randomBytes(24).toString('base64url') };
  const pull = options.tencentMode === 'pull';
  const emulator = await startEmulator({
    aliyunKeys: [aliyunKey],
    tencentKeys: [tencentKey],
    tencentPullWaitMs: options.pullWaitMs ?? 300,
    // Uploads into the storage stand-ins (OSS, COS, Tencent's client upload API), as a client makes them.
    storage: options.storage,
    // The Alibaba region the instance plays (a second region's cloud): where default storage is.
    aliyunRegion: options.aliyunRegion,
    events: {
      aliyunVodCallbackAuthKey: secrets.vodAuthKey,
      aliyunImsCallbackAuthKey: secrets.imsAuthKey,
      tencentEventUrl: pull ? undefined : `${serviceUrl}/v1/events/tencent-vod/${secrets.tencentToken}`,
      sending: { retryDelayMs: 100 },
      // The clock of the events (Tencent's 30 s to confirm): a test moves it to see unconfirmed events again.
      clock: options.eventClock,
    },
  });
  const env = {
    ...aliyunTestEnv(emulator.url, aliyunKey),
    ...tencentTestEnv(emulator.url, tencentKey),
    ALIBABA_CLOUD_VOD_CALLBACK_URL: `${serviceUrl}/v1/events/aliyun-vod`,
    ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: secrets.vodAuthKey,
    ALIBABA_CLOUD_IMS_CALLBACK_URL: `${serviceUrl}/v1/events/aliyun-ims`,
    ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY: secrets.imsAuthKey,
    ...(pull
      ? { TENCENTCLOUD_VOD_EVENT_MODE: 'pull', TENCENTCLOUD_VOD_EVENT_PULL_WAIT_MS: '1000' }
      : { TENCENTCLOUD_VOD_EVENT_TOKEN: secrets.tencentToken }),
  };
  return { emulator, port, serviceUrl, secrets, env, close: () => emulator.close() };
}
