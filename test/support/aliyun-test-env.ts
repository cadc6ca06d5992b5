import { aliyunServiceEnv, EMULATED_ALIYUN_IDS } from '@app/emulator';

/** Ids the emulator recognises as existing resources. */
export const ALIYUN_TEST_IDS = EMULATED_ALIYUN_IDS;

/** The Alibaba Cloud settings that point the service at the emulator: both products configured. */
export const aliyunTestEnv = aliyunServiceEnv;

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

export const decodeBase64Json = (value: unknown) =>
  JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as Record<string, unknown>;

/** The field names of a 400 problem. */
export const fieldsOf = (response: JsonResponse): string[] => (response.body.errors ?? []).map((error: { field: string }) => error.field);
