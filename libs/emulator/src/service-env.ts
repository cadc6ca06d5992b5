import type { KeyPair } from './core/options';
import { EMULATED_SUB_APP_ID } from './tencent';

/** Resources the emulator treats as existing in the emulated accounts (32-hex ids, a VOD storage host). */
export const EMULATED_ALIYUN_IDS = {
  templateGroupId: '405477f9e214d19ea2c7c8540000aaaa',
  otherTemplateGroupId: '405477f9e214d19ea2c7c8540000bbbb',
  vodWorkflowId: '613efff3887ec34af685714cc4610000',
  imsWorkflowId: '74ba870f1a4873a3ba238e0bf6fa0000',
  cateIds: [1000036, 1000037, 1000038, 1000039, 1000040, 1000041],
  storageLocation: 'outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com',
  callbackUrl: 'https://hooks.example.com/aliyun/callback',
};

/** The service's Alibaba Cloud settings for an emulator at `url` with this key pair: VOD and IMS configured. */
export function aliyunServiceEnv(url: string, key: KeyPair): Record<string, string> {
  const ids = EMULATED_ALIYUN_IDS;
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.secret,
    ALIBABA_CLOUD_CONNECT_TIMEOUT_MS: '2000',
    ALIBABA_CLOUD_READ_TIMEOUT_MS: '2000',
    ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_VOD_ENDPOINT: url,
    ALIBABA_CLOUD_VOD_APP_ID: 'app-1000000',
    ALIBABA_CLOUD_VOD_STORAGE_LOCATION: ids.storageLocation,
    ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID: ids.templateGroupId,
    ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS: [ids.templateGroupId, ids.otherTemplateGroupId].join(','),
    ALIBABA_CLOUD_VOD_WORKFLOW_IDS: ids.vodWorkflowId,
    ALIBABA_CLOUD_VOD_CATE_IDS: ids.cateIds.join(','),
    ALIBABA_CLOUD_VOD_CALLBACK_URL: ids.callbackUrl,
    ALIBABA_CLOUD_IMS_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_IMS_ENDPOINT: url,
    ALIBABA_CLOUD_IMS_APP_ID: 'app-1000000',
    ALIBABA_CLOUD_IMS_STORAGE_LOCATION: ids.storageLocation,
    ALIBABA_CLOUD_IMS_WORKFLOW_ID: ids.imsWorkflowId,
    ALIBABA_CLOUD_IMS_WORKFLOW_IDS: ids.imsWorkflowId,
    ALIBABA_CLOUD_IMS_CATE_IDS: ids.cateIds.join(','),
    ALIBABA_CLOUD_IMS_CALLBACK_URL: ids.callbackUrl,
  };
}

/**
 * The service's Tencent Cloud settings for an emulator at `url`. The adapter signs for
 * vod.tencentcloudapi.com and connects to the loopback address (libs/tencent vod-transport.ts).
 */
export function tencentServiceEnv(url: string, key: KeyPair): Record<string, string> {
  return {
    TENCENTCLOUD_SECRET_ID: key.id,
    TENCENTCLOUD_SECRET_KEY: key.secret,
    TENCENTCLOUD_VOD_ENDPOINT: url,
    TENCENTCLOUD_VOD_SUB_APP_ID: String(EMULATED_SUB_APP_ID),
    TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '2000',
  };
}
