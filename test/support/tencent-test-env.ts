import type { KeyPair } from '@app/emulator';
import { EMULATED_SUB_APP_ID } from '@app/emulator/tencent';

/**
 * The Tencent Cloud settings that point the service at the emulator. The adapter signs for
 * vod.tencentcloudapi.com and connects to the emulator's loopback address (libs/tencent vod-transport.ts).
 */
export function tencentTestEnv(emulatorUrl: string, key: KeyPair): Record<string, string> {
  return {
    TENCENTCLOUD_SECRET_ID: key.id,
    TENCENTCLOUD_SECRET_KEY: key.secret,
    TENCENTCLOUD_VOD_ENDPOINT: emulatorUrl,
    TENCENTCLOUD_VOD_SUB_APP_ID: String(EMULATED_SUB_APP_ID),
    TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '2000',
  };
}
