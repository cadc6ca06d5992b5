import type { Request } from 'autocannon';
import type { EventSecrets } from '../stack/service-env';
import { JSON_HEADERS, sendOnce, stringField, tencentNewFileUpload, vodCallbackSigner, vodFileUploadComplete } from './prepare';
import type { BenchTokens } from './tokens';

export type ServiceScenarioId = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'i' | 'j' | 'k';

export interface ServiceScenario {
  id: ServiceScenarioId;
  title: string;
  /** The only status a correctly configured run answers. */
  expectedStatus: number;
  /** Sent once before the warm-up: spends the limit of (c), creates the record (f) replays. */
  prime?: { expectedStatus: number };
  /** Run once before the prime and the warm-up, answers checked: creates what (i) reads and (j), (k) complete. */
  prepare?(serviceUrl: string, emulatorUrl: string): Promise<void>;
  /** autocannon's request; a `setupRequest` builds each request anew (other user, other key). */
  request(): Request;
}

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

/** The emulator's control request setting what the provider's API reports of a media (verification reads it). */
const storedAt = (control: string, media: Record<string, unknown>) => ({
  method: 'PUT',
  path: `/__emulator/${control}`,
  headers: JSON_HEADERS,
  body: JSON.stringify(media),
});

/** What prepare() made: a scenario's request cannot be built before it ran. */
function prepared<T>(value: T | undefined, id: ServiceScenarioId): T {
  if (value === undefined) throw new Error(`scenario (${id}) was not prepared`);
  return value;
}

/**
 * The scenarios against the service: (a)-(g) in the first issue's order, then the routes of the
 * lifecycle issues, each measured on a repeat of the same request: (i) the owner reading an upload's
 * status, (j) a Tencent PUSH event and (k) an Alibaba VOD callback about an upload that the first
 * event already completed (every answer after it is a 200 `duplicate`). `runId` keeps keys unique
 * across runs on one Redis.
 */
export function serviceScenarios(tokens: BenchTokens, runId: string, events: EventSecrets): ServiceScenario[] {
  // Made once: warm-up and measurement continue the same sequence, so no key is ever sent twice.
  const signatures = rotating(tokens, undefined);
  const videos = rotating(tokens, `bench-${runId}-e`);
  const media = rotating(tokens, `bench-${runId}-g`);
  const owner = { authorization: tokens.owner };
  const createVideo = (serviceUrl: string, key: string, what: string) =>
    sendOnce(
      serviceUrl,
      {
        method: 'POST',
        path: '/v1/uploads/aliyun-vod/videos',
        headers: { ...JSON_HEADERS, ...owner, 'idempotency-key': key },
        body: VIDEO_BODY,
      },
      { status: 201 },
      what,
    );
  let readPath: string | undefined;
  let tencentEvent: string | undefined;
  let vodEvent: string | undefined;
  const tencentEventPath = `/v1/events/tencent-vod/${events.tencentToken}`;
  const vodSigned = vodCallbackSigner(events);
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
    {
      id: 'i',
      title: 'status read: GET /v1/uploads/{uploadId} by its owner',
      expectedStatus: 200,
      async prepare(serviceUrl) {
        const created = await createVideo(serviceUrl, `bench-${runId}-i`, 'preparing (i): create the upload it reads');
        readPath = `/v1/uploads/${stringField(created, 'uploadId', 'preparing (i)')}`;
      },
      request: () => ({ method: 'GET', path: prepared(readPath, 'i'), headers: owner }),
    },
    {
      id: 'j',
      title: 'Tencent PUSH event NewFileUpload, a repeat (duplicate)',
      expectedStatus: 200,
      async prepare(serviceUrl, emulatorUrl) {
        const what = 'preparing (j)';
        const signature = await sendOnce(
          serviceUrl,
          { method: 'POST', path: '/v1/uploads/tencent-vod/signatures', headers: { ...JSON_HEADERS, ...owner }, body: '{}' },
          { status: 201 },
          `${what}: create the upload the event completes`,
        );
        const uploadId = stringField(signature, 'uploadId', what);
        const fileId = '5285890784273533167';
        // The file is at Tencent (what DescribeMediaInfos says when the service checks the event), then its event comes.
        await sendOnce(
          emulatorUrl,
          storedAt('tencent-vod/media', { fileId, state: 'stored', size: 10 }),
          { status: 204 },
          `${what}: store the file`,
        );
        tencentEvent = JSON.stringify(tencentNewFileUpload(fileId, uploadId, tokens.ownerId));
        const event = { method: 'POST', path: tencentEventPath, headers: JSON_HEADERS, body: tencentEvent };
        await sendOnce(serviceUrl, event, { status: 200, fields: { outcome: 'applied' } }, `${what}: the first event`);
        await sendOnce(serviceUrl, event, { status: 200, fields: { outcome: 'duplicate' } }, `${what}: a repeat`);
      },
      request: () => ({ method: 'POST', path: tencentEventPath, headers: JSON_HEADERS, body: prepared(tencentEvent, 'j') }),
    },
    {
      id: 'k',
      title: 'Alibaba VOD callback FileUploadComplete (signed), a repeat (duplicate)',
      expectedStatus: 200,
      async prepare(serviceUrl, emulatorUrl) {
        const what = 'preparing (k)';
        const created = await createVideo(serviceUrl, `bench-${runId}-k`, `${what}: create the upload the callback completes`);
        const uploadId = stringField(created, 'uploadId', what);
        const media = { product: 'aliyun-vod', id: stringField(created, 'videoId', what), state: 'stored', size: 10 };
        await sendOnce(emulatorUrl, storedAt('aliyun/media', media), { status: 200 }, `${what}: store the file`);
        vodEvent = JSON.stringify(vodFileUploadComplete(stringField(created, 'videoId', what), uploadId, tokens.ownerId));
        const callback = () => ({ method: 'POST', path: '/v1/events/aliyun-vod', headers: vodSigned(), body: vodEvent });
        await sendOnce(serviceUrl, callback(), { status: 200, fields: { outcome: 'applied' } }, `${what}: the first callback`);
        await sendOnce(serviceUrl, callback(), { status: 200, fields: { outcome: 'duplicate' } }, `${what}: a repeat`);
      },
      request: () => ({
        method: 'POST',
        path: '/v1/events/aliyun-vod',
        body: prepared(vodEvent, 'k'),
        setupRequest: (request) => ({ ...request, headers: vodSigned() }),
      }),
    },
  ];
}
