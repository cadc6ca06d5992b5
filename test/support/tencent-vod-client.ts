import { createHmac } from 'node:crypto';
import type { TestApp } from './test-app';

const BASE = '/v1/uploads/tencent-vod';

/** The Tencent VOD routes as a mobile or web client calls them; `claims` go into every token. */
export function tencentVodApi(sut: TestApp, claims: Record<string, unknown> = {}) {
  const post = (path: string, user: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sut.url}${BASE}${path}`, {
      method: 'POST',
      headers: { ...sut.bearer(user, claims), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    apply: (user: string, body: unknown = { mediaType: 'mp4' }) => post('/media', user, body),
    commit: (user: string, uploadId: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
      fetch(`${sut.url}${BASE}/media/${uploadId}/commit`, {
        method: 'POST',
        headers: { ...sut.bearer(user, claims), ...init.headers },
        body: init.body,
      }),
    sign: (user: string, body?: unknown) => post('/signatures', user, body),
  };
}

/** What Tencent does with a client upload signature: verify the HMAC-SHA1 prefix, read the query string. */
export function decodeUploadSignature(signature: string, secretKey: string): Record<string, string> {
  const bytes = Buffer.from(signature, 'base64');
  const original = bytes.subarray(20);
  if (!bytes.subarray(0, 20).equals(createHmac('sha1', secretKey).update(original).digest())) throw new Error('signature HMAC mismatch');
  return Object.fromEntries(new URLSearchParams(original.toString('utf8')));
}
