import type { KeyPair } from '@app/emulator';

/** Ids the emulator recognises as existing resources (32 hex characters, VOD storage hosts). */
export const ALIYUN_TEST_IDS = {
  templateGroupId: '405477f9e214d19ea2c7c8540000aaaa',
  otherTemplateGroupId: '405477f9e214d19ea2c7c8540000bbbb',
  vodWorkflowId: '613efff3887ec34af685714cc4610000',
  imsWorkflowId: '74ba870f1a4873a3ba238e0bf6fa0000',
  cateIds: [1000036, 1000037, 1000038, 1000039, 1000040, 1000041],
  storageLocation: 'outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com',
  callbackUrl: 'https://hooks.example.com/aliyun/callback',
};

/** The Alibaba Cloud settings that point the service at the emulator: both products configured. */
export function aliyunTestEnv(emulatorUrl: string, key: KeyPair): Record<string, string> {
  const ids = ALIYUN_TEST_IDS;
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.secret,
    ALIBABA_CLOUD_CONNECT_TIMEOUT_MS: '2000',
    ALIBABA_CLOUD_READ_TIMEOUT_MS: '2000',
    ALIBABA_CLOUD_VOD_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_VOD_ENDPOINT: emulatorUrl,
    ALIBABA_CLOUD_VOD_APP_ID: 'app-1000000',
    ALIBABA_CLOUD_VOD_STORAGE_LOCATION: ids.storageLocation,
    ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_ID: ids.templateGroupId,
    ALIBABA_CLOUD_VOD_TEMPLATE_GROUP_IDS: [ids.templateGroupId, ids.otherTemplateGroupId].join(','),
    ALIBABA_CLOUD_VOD_WORKFLOW_IDS: ids.vodWorkflowId,
    ALIBABA_CLOUD_VOD_CATE_IDS: ids.cateIds.join(','),
    ALIBABA_CLOUD_VOD_CALLBACK_URL: ids.callbackUrl,
    ALIBABA_CLOUD_IMS_REGION: 'cn-shanghai',
    ALIBABA_CLOUD_IMS_ENDPOINT: emulatorUrl,
    ALIBABA_CLOUD_IMS_APP_ID: 'app-1000000',
    ALIBABA_CLOUD_IMS_STORAGE_LOCATION: ids.storageLocation,
    ALIBABA_CLOUD_IMS_WORKFLOW_ID: ids.imsWorkflowId,
    ALIBABA_CLOUD_IMS_WORKFLOW_IDS: ids.imsWorkflowId,
    ALIBABA_CLOUD_IMS_CATE_IDS: ids.cateIds.join(','),
    ALIBABA_CLOUD_IMS_CALLBACK_URL: ids.callbackUrl,
  };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, any>;
  text: string;
}

/** POST with a JSON body (or none), answering status, headers and the parsed body. */
export async function post(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {}, text };
}

export const decodeBase64Json = (value: unknown) => JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as Record<string, unknown>;

/** The field names of a 400 problem. */
export const fieldsOf = (response: JsonResponse): string[] => (response.body.errors ?? []).map((error: { field: string }) => error.field);
