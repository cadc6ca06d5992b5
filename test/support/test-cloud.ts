import { randomBytes } from 'node:crypto';
import { type KeyPair, type RunningEmulator, startEmulator } from '@app/emulator';
import { aliyunTestEnv } from './aliyun-test-env';
import { tencentTestEnv } from './tencent-test-env';

export interface TestCloud {
  emulator: RunningEmulator;
  aliyunKey: KeyPair;
  tencentKey: KeyPair;
  /** The service's environment pointing every provider at the emulator with these keys. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** The cloud emulator in-process on a free port, with fresh key pairs handed to both sides. */
export async function startTestCloud(): Promise<TestCloud> {
  const aliyunKey = { id: `test-ak-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  const tencentKey = { id: `test-sid-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  const emulator = await startEmulator({ aliyunKeys: [aliyunKey], tencentKeys: [tencentKey] });
  return {
    emulator,
    aliyunKey,
    tencentKey,
    env: { ...aliyunTestEnv(emulator.url, aliyunKey), ...tencentTestEnv(emulator.url, tencentKey) },
    close: () => emulator.close(),
  };
}
