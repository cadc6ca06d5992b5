import { ConfigService, loadConfig } from '@app/config';
import { configsOf } from '@app/uploads';
import { ALIYUN_PROVIDER } from '../aliyun.provider';

/** What this provider's unit tests load the configuration with: the platform and Alibaba Cloud. */
export const ALIYUN_CONFIGS = configsOf([ALIYUN_PROVIDER]);

export const aliyunConfig = (env: Record<string, string | undefined>) => new ConfigService(loadConfig(env, ALIYUN_CONFIGS));
