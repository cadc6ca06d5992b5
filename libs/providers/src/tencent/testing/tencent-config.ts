import { ConfigService, loadConfig } from '@app/config';
import { configsOf } from '@app/uploads';
import { TENCENT_PROVIDER } from '../tencent.provider';

/** What this provider's unit tests load the configuration with: the platform and Tencent Cloud. */
export const TENCENT_CONFIGS = configsOf([TENCENT_PROVIDER]);

export const tencentConfig = (env: Record<string, string | undefined>) => new ConfigService(loadConfig(env, TENCENT_CONFIGS));
