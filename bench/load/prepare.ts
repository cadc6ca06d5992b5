import { signAliyunCallback } from '@app/emulator';
import type { EventSecrets } from '../stack/service-env';

/** The requests a scenario sends once before its warm-up (creating what it reads or completes), each answer checked. */

type Json = Record<string, unknown>;

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** Sends one request and answers its JSON body; throws unless the status (and, when given, the body's fields) are as expected. */
export async function sendOnce(
  baseUrl: string,
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
  expected: { status: number; fields?: Json },
  what: string,
): Promise<Json> {
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  const unexpected = (why: string) => new Error(`${what}: ${why}, expected ${JSON.stringify(expected)}: ${text.slice(0, 500)}`);
  if (response.status !== expected.status) throw unexpected(`answered ${response.status}`);
  let body: Json;
  try {
    body = text ? (JSON.parse(text) as Json) : {};
  } catch {
    throw unexpected('answered no JSON');
  }
  for (const [name, value] of Object.entries(expected.fields ?? {})) {
    if (body[name] !== value) throw unexpected(`answered ${name}=${JSON.stringify(body[name])}`);
  }
  return body;
}

/** The field of a create's answer a later request needs. */
export function stringField(body: Json, name: string, what: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new Error(`${what}: the answer has no ${name}: ${JSON.stringify(body).slice(0, 500)}`);
  return value;
}

/** Tencent's NewFileUpload as a PUSH body (the emulator's shape), for an upload whose SourceContext we issued. */
export function tencentNewFileUpload(fileId: string, uploadId: string, userId: string): Json {
  const time = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    EventType: 'NewFileUpload',
    FileUploadEvent: {
      FileId: fileId,
      MediaBasicInfo: {
        Name: 'bench.mp4',
        CreateTime: time,
        UpdateTime: time,
        ExpireTime: '9999-12-31T23:59:59Z',
        MediaUrl: `http://1500000001.vod2.myqcloud.com/bench/${fileId}/bench.mp4`,
        SourceInfo: { SourceType: 'Upload', SourceContext: `uploadId=${uploadId}&userId=${userId}` },
        Vid: fileId,
      },
      MetaData: { Size: 1048576 },
      ProcedureTaskId: '',
      ReviewAudioVideoTaskId: '',
    },
  };
}

/** VOD's FileUploadComplete (the emulator's shape): Extend carries back what our UserData gave it. */
export function vodFileUploadComplete(videoId: string, uploadId: string, userId: string): Json {
  return {
    Status: 'success',
    EventTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    EventType: 'FileUploadComplete',
    VideoId: videoId,
    Size: 1048576,
    FileUrl: `https://outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com/sv/bench/${videoId}.mp4`,
    Extend: JSON.stringify({ userId, uploadId }),
  };
}

/**
 * VOD's callback headers (X-VOD-TIMESTAMP, X-VOD-SIGNATURE = MD5 of `CallbackURL|timestamp|AuthKey`), signed
 * anew each second, so a run of any length stays within the service's clock skew and the load generator
 * signs once a second, not once a request.
 */
export function vodCallbackSigner(events: EventSecrets): () => Record<string, string> {
  let second = 0;
  let headers: Record<string, string> = {};
  return () => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) {
      second = now;
      headers = {
        ...JSON_HEADERS,
        'x-vod-timestamp': String(now),
        'x-vod-signature': signAliyunCallback(events.vodCallbackUrl, now, events.vodAuthKey),
      };
    }
    return headers;
  };
}
