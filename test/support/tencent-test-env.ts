import { tencentServiceEnv } from '@app/emulator';

/** The Tencent Cloud settings that point the service at the emulator. */
export const tencentTestEnv = tencentServiceEnv;
