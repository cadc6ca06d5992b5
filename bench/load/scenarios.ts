import type { Request } from 'autocannon';
import type { BenchTokens } from './tokens';

export type ServiceScenarioId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';

export interface ServiceScenario {
  id: ServiceScenarioId;
  title: string;
  /** The only status a correctly configured run answers. */
  expectedStatus: number;
  /** Sent once before the warm-up: spends the limit of (c), creates the record (f) replays. */
  prime?: { expectedStatus: number };
  /** autocannon's request; a `setupRequest` builds each request anew (other user, other key). */
  request(): Request;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const VIDEO_BODY = JSON.stringify({ title: 'bench', fileName: 'bench.mp4' });
const IMAGE_BODY = JSON.stringify({ imageType: 'default', imageExt: 'png' });
const MEDIA_BODY = JSON.stringify({ mediaType: 'mp4' });

/**
 * Round-robin over the user pool, optionally with a fresh Idempotency-Key per request (as a
 * well-behaved app sends one per create, so its retries are safe): every request is new work.
 */
function rotating(tokens: BenchTokens, keyPrefix: string | undefined): Request['setupRequest'] {
  let sent = 0;
  return (request) => {
    const n = sent++;
    const headers: Record<string, string> = { ...JSON_HEADERS, authorization: tokens.pool[n % tokens.pool.length] };
    if (keyPrefix !== undefined) headers['idempotency-key'] = `${keyPrefix}-${n}`;
    return { ...request, headers };
  };
}

/** The seven scenarios against the service, in the order. `runId` keeps keys unique across runs on one Redis. */
export function serviceScenarios(tokens: BenchTokens, runId: string): ServiceScenario[] {
  // Made once: warm-up and measurement continue the same sequence, so no key is ever sent twice.
  const signatures = rotating(tokens, undefined);
  const videos = rotating(tokens, `bench-${runId}-e`);
  const media = rotating(tokens, `bench-${runId}-g`);
  return [
    {
      id: 'a',
      title: 'GET /healthz',
      expectedStatus: 200,
      request: () => ({ method: 'GET', path: '/healthz' }),
    },
    {
      id: 'b',
      title: '401: forged token on POST aliyun-vod/videos',
      expectedStatus: 401,
      request: () => ({
        method: 'POST',
        path: '/v1/uploads/aliyun-vod/videos',
        headers: { ...JSON_HEADERS, authorization: tokens.forged },
        body: VIDEO_BODY,
      }),
    },
    {
      id: 'c',
      title: '429: user over the aliyun-vod-image limit',
      expectedStatus: 429,
      prime: { expectedStatus: 201 },
      request: () => ({
        method: 'POST',
        path: '/v1/uploads/aliyun-vod/images',
        headers: { ...JSON_HEADERS, authorization: tokens.limited },
        body: IMAGE_BODY,
      }),
    },
    {
      id: 'd',
      title: 'Tencent upload signature',
      expectedStatus: 201,
      // No Idempotency-Key: a signature is single-use, a client asks for a new one each time.
      request: () => ({ method: 'POST', path: '/v1/uploads/tencent-vod/signatures', body: '{}', setupRequest: signatures }),
    },
    {
      id: 'e',
      title: 'Alibaba VOD CreateUploadVideo',
      expectedStatus: 201,
      request: () => ({ method: 'POST', path: '/v1/uploads/aliyun-vod/videos', body: VIDEO_BODY, setupRequest: videos }),
    },
    {
      id: 'f',
      title: 'idempotent replay of (e)',
      expectedStatus: 201,
      prime: { expectedStatus: 201 },
      request: () => ({
        method: 'POST',
        path: '/v1/uploads/aliyun-vod/videos',
        headers: { ...JSON_HEADERS, authorization: tokens.replayer, 'idempotency-key': `bench-${runId}-replayed` },
        body: VIDEO_BODY,
      }),
    },
    {
      id: 'g',
      title: 'Tencent VOD ApplyUpload',
      expectedStatus: 201,
      request: () => ({ method: 'POST', path: '/v1/uploads/tencent-vod/media', body: MEDIA_BODY, setupRequest: media }),
    },
  ];
}
