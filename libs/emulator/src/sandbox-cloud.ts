import { randomBytes } from 'node:crypto';
import type { KeyPair } from './core/options';
import { type RunningEmulator, startEmulator } from './emulator';
import { aliyunServiceEnv, tencentServiceEnv } from './service-env';

/** The task flow and category the OpenAPI examples choose, allowed so that every documented request works here. */
const DOCUMENTED_CHOICES = { TENCENTCLOUD_VOD_PROCEDURES: 'transcode-hd', TENCENTCLOUD_VOD_CLASS_IDS: '0' };

export interface SandboxCloud {
  emulator: RunningEmulator;
  /** The service's settings for every cloud the emulator plays: endpoints, key pairs, callback secrets. */
  serviceEnv: Record<string, string>;
  /** For the sandbox banner: what runs where, one part a line. */
  description: string[];
}

const keyPair = (prefix: string): KeyPair => ({
  id: `${prefix}${randomBytes(6).toString('hex')}`,
  secret: randomBytes(24).toString('base64url'),
});
const secret = (length: number) => randomBytes(length).toString('hex').slice(0, length);

/** Which market a sandbox region's emulator plays: mainland China (the default), or the international one. */
export interface SandboxCloudOptions {
  /** The clouds' international regions: Alibaba in Singapore, VOD's international hub, where IMS has no uploads. */
  international?: boolean;
  /** The region profile it serves, for the banner. */
  profile?: string;
}

const INTERNATIONAL_ALIYUN_REGION = 'ap-southeast-1';

/**
 * Every cloud the emulator knows, in-process, with its storage stand-ins: key pairs and callback
 * secrets made up now and handed to both sides, completion events sent to the service's receivers
 * under `eventsUrl` (its `/v1/events`). The service needs nothing else to run every route end to end.
 */
export async function startSandboxCloud(eventsUrl: string, options: SandboxCloudOptions = {}): Promise<SandboxCloud> {
  const mainland = !options.international;
  const aliyunRegion = mainland ? 'cn-shanghai' : INTERNATIONAL_ALIYUN_REGION;
  const aliyunKey = keyPair('sandbox-ak-');
  const tencentKey = keyPair('sandbox-sid-');
  const [vodKey, imsKey, tencentToken] = [secret(24), secret(24), secret(40)];
  // storage: UploadAddress.Endpoint and the COS/UGC stand-ins are the emulator, so the SDKs upload into it.
  const emulator = await startEmulator({
    aliyunKeys: [aliyunKey],
    tencentKeys: [tencentKey],
    events: {
      aliyunVodCallbackAuthKey: vodKey,
      aliyunImsCallbackAuthKey: imsKey,
      tencentEventUrl: `${eventsUrl}/tencent-vod/${tencentToken}`,
    },
    storage: true,
    aliyunRegion,
  });
  const aliyun = aliyunServiceEnv(emulator.url, aliyunKey);
  // Outside the mainland: VOD in the region, its uploads in the account's default storage there, and no IMS.
  const regional = mainland
    ? aliyun
    : Object.fromEntries(
        Object.entries({ ...aliyun, ALIBABA_CLOUD_VOD_REGION: aliyunRegion }).filter(
          ([name]) => !name.startsWith('ALIBABA_CLOUD_IMS_') && name !== 'ALIBABA_CLOUD_VOD_STORAGE_LOCATION',
        ),
      );
  const products = mainland ? 'Alibaba VOD, Alibaba IMS and Tencent VOD' : 'Alibaba VOD and Tencent VOD';
  const served = options.profile === undefined ? '' : ` (region profile ${options.profile}, Alibaba ${aliyunRegion})`;
  return {
    emulator,
    serviceEnv: {
      ...regional,
      ...tencentServiceEnv(emulator.url, tencentKey),
      ...DOCUMENTED_CHOICES,
      ALIBABA_CLOUD_VOD_CALLBACK_URL: `${eventsUrl}/aliyun-vod`,
      ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: vodKey,
      ...(mainland ? { ALIBABA_CLOUD_IMS_CALLBACK_URL: `${eventsUrl}/aliyun-ims`, ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY: imsKey } : {}),
      TENCENTCLOUD_VOD_EVENT_TOKEN: tencentToken,
    },
    description: [
      `the cloud emulator in-process at ${emulator.url} for ${products}${served} (key pairs made up at start)`,
      "uploads into the emulator's OSS, COS and Tencent client-upload stand-ins, kept in memory (GET /v1/sandbox says where)",
      'completion events from the emulator to this service (signed callbacks, secrets made up at start)',
    ],
  };
}
