import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetVariable, ConfigService } from '@app/config';
import { EmulatorServer, signAliyunCallback, TencentVodEmulator } from '@app/emulator';
import { ProtectionKeys, utcDay } from '@app/protection';
import { aliyun, tencent } from '@app/providers';
import type { UploadKind } from '@app/registry';
import { startRedisServer, type RedisServer } from '@app/testing';
import { Store } from '@app/store';
import { RECORD_PERMISSIONS, UploadRecords } from '@app/uploads';
import { upstreamBudgetKey } from '@app/upstream';
import { CATALOG } from '../apps/upload-api/src/providers';
import { aliyunTestEnv } from './support/aliyun-test-env';
import { JwksServer } from './support/jwks-server';
import { tencentTestEnv } from './support/tencent-test-env';
import { startTestApp, TEST_CACHE_KEY, type TestApp } from './support/test-app';
import { startTestCloud, type TestCloud } from './support/test-cloud';
import { claims, signJwt } from './support/tokens';
import { until } from './support/until';

/** One documented problem example of one operation, as the committed document has it. */
interface Documented {
  operationId: string;
  method: string;
  /** The path template, e.g. /v1/uploads/{uploadId}. */
  path: string;
  status: number;
  name: string;
  description?: string;
  value: Record<string, unknown>;
}

type Operation = { operationId: string; responses: Record<string, { description: string; content?: Record<string, any> }> };
const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);
const documented: Documented[] = operations.flatMap(({ path, method, operation }) =>
  Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries((response.content?.['application/problem+json']?.examples ?? {}) as Record<string, any>).map(([name, example]) => ({
      operationId: operation.operationId,
      method,
      path,
      status: Number(status),
      name,
      description: example.description,
      value: example.value,
    })),
  ),
);

/** What each operation needs to be driven: its upload kind, the provider operation it calls, a request that succeeds. */
const ROUTES: Record<string, { kind?: UploadKind; upstream?: { cloud: 'aliyun' | 'tencent'; provider: string; action: string } }> = {
  createAliyunVodVideoUpload: {
    kind: 'aliyun-vod-video',
    upstream: { cloud: 'aliyun', provider: 'aliyun-vod', action: 'CreateUploadVideo' },
  },
  refreshAliyunVodVideoUpload: {
    kind: 'aliyun-vod-video-refresh',
    upstream: { cloud: 'aliyun', provider: 'aliyun-vod', action: 'RefreshUploadVideo' },
  },
  createAliyunVodAudioUpload: {
    kind: 'aliyun-vod-audio',
    upstream: { cloud: 'aliyun', provider: 'aliyun-vod', action: 'CreateUploadVideo' },
  },
  refreshAliyunVodAudioUpload: {
    kind: 'aliyun-vod-audio-refresh',
    upstream: { cloud: 'aliyun', provider: 'aliyun-vod', action: 'RefreshUploadVideo' },
  },
  createAliyunVodImageUpload: {
    kind: 'aliyun-vod-image',
    upstream: { cloud: 'aliyun', provider: 'aliyun-vod', action: 'CreateUploadImage' },
  },
  createAliyunVodAttachedMediaUpload: {
    kind: 'aliyun-vod-attached-media',
    upstream: { cloud: 'aliyun', provider: 'aliyun-vod', action: 'CreateUploadAttachedMedia' },
  },
  createAliyunImsMediaUpload: {
    kind: 'aliyun-ims-media',
    upstream: { cloud: 'aliyun', provider: 'aliyun-ice', action: 'CreateUploadMedia' },
  },
  refreshAliyunImsMediaUpload: {
    kind: 'aliyun-ims-media-refresh',
    upstream: { cloud: 'aliyun', provider: 'aliyun-ice', action: 'RefreshUploadMedia' },
  },
  applyTencentVodUpload: { kind: 'tencent-vod-media', upstream: { cloud: 'tencent', provider: 'tencent-vod', action: 'ApplyUpload' } },
  commitTencentVodUpload: { kind: 'tencent-vod-commit', upstream: { cloud: 'tencent', provider: 'tencent-vod', action: 'CommitUpload' } },
  createTencentVodUploadSignature: { kind: 'tencent-vod-signature' },
};

const ALL_SCOPES = [...CATALOG.permissions, ...Object.values(RECORD_PERMISSIONS)].join(' ');
const CREATE_BODIES: Record<string, unknown> = {
  createAliyunVodVideoUpload: { title: 'UploadTest', fileName: 'clip.mp4' },
  createAliyunVodAudioUpload: { title: 'Interview', fileName: 'interview.mp3' },
  createAliyunVodImageUpload: { imageType: 'default' },
  createAliyunVodAttachedMediaUpload: { businessType: 'watermark', mediaExt: 'png' },
  createAliyunImsMediaUpload: {
    fileInfo: { type: 'video', name: 'clip', ext: 'mp4' },
    mediaMetaData: { title: 'Clip', businessType: 'general' },
  },
  applyTencentVodUpload: { mediaType: 'mp4' },
};
/** Another valid body of each create: the same Idempotency-Key with it is 422 (an invalid one would be 400 first). */
const OTHER_CREATE_BODIES: Record<string, unknown> = {
  createAliyunVodVideoUpload: { title: 'Another', fileName: 'clip.mp4' },
  createAliyunVodAudioUpload: { title: 'Another', fileName: 'interview.mp3' },
  createAliyunVodImageUpload: { imageType: 'default', title: 'Another' },
  createAliyunVodAttachedMediaUpload: { businessType: 'watermark', mediaExt: 'png', title: 'Another' },
  createAliyunImsMediaUpload: {
    fileInfo: { type: 'video', name: 'clip', ext: 'mp4' },
    mediaMetaData: { title: 'Another', businessType: 'general' },
  },
  applyTencentVodUpload: { mediaType: 'mov' },
};
const UNKNOWN_UPLOAD_ID = 'upl_AAAAAAAAAAAAAAAAAAAAAA';
const VOD_CALLBACK_KEY = randomBytes(12).toString('hex');
const IMS_CALLBACK_KEY = randomBytes(12).toString('hex');
const TENCENT_EVENT_TOKEN = randomBytes(20).toString('hex');

interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless a string. */
  body?: unknown;
}

/** The response with its body read, so it outlives the app that sent it. */
async function buffered(response: Response): Promise<Response> {
  return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers });
}

async function send(app: TestApp, request: Request): Promise<Response> {
  const json = request.body !== undefined && typeof request.body !== 'string';
  return fetch(`${app.url}${request.path}`, {
    method: request.method ?? 'POST',
    headers: { ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
    body: json ? JSON.stringify(request.body) : (request.body as string | undefined),
  });
}

/**
 * Every documented problem example of openapi.json is what the real app answers for a request that
 * provokes it: the same type, title, status, code, detail and field errors, and an upstream request
 * id and a Retry-After exactly where the example has them.
 */
describe('OpenAPI problem examples', () => {
  let cloud: TestCloud;
  let tencentVod: TencentVodEmulator;
  let tencentCloud: EmulatorServer;
  let redisToStop: RedisServer;
  let jwks: JwksServer;
  /** Every configured provider, permissions on, event receivers on, short upstream timeouts. */
  let main: TestApp;
  let apps: Record<'unconfigured' | 'limited' | 'busy' | 'rejected' | 'storeDown' | 'regions', TestApp>;
  /** The environment of an app whose token issuer's key set (AUTH_JWKS_URL) does not answer. */
  let jwksDownEnv: Record<string, string | undefined>;
  let rsaToken: string;
  /** Uploads made in the busy app, whose provider ids its refresh and commit examples name. */
  const busyUploads: Record<string, string> = {};
  let users = 0;
  /** A user no other example has touched: its own rate limits, quotas and uploads. */
  const freshUser = () => `examples-${++users}`;
  const bearer = (app: TestApp, user: string, scope = ALL_SCOPES, region?: string) => app.bearer(user, { scope, region });

  beforeAll(async () => {
    const tencentKey = { id: `test-sid-${randomBytes(6).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
    tencentVod = new TencentVodEmulator({ keys: [tencentKey] });
    tencentCloud = new EmulatorServer([tencentVod]);
    [cloud, redisToStop] = await Promise.all([startTestCloud(), startRedisServer()]);
    jwks = new JwksServer();
    jwks.hang = true;
    const [tencentUrl, jwksUrl] = await Promise.all([tencentCloud.listen(), jwks.start()]);
    const env = {
      ...aliyunTestEnv(cloud.emulator.url, cloud.aliyunKey),
      ...tencentTestEnv(tencentUrl, tencentKey),
      AUTH_PERMISSIONS_ENABLED: 'true',
      ALIBABA_CLOUD_CONNECT_TIMEOUT_MS: '500',
      ALIBABA_CLOUD_READ_TIMEOUT_MS: '500',
      TENCENTCLOUD_VOD_REQUEST_TIMEOUT_MS: '500',
      TENCENTCLOUD_VOD_COMMIT_WAIT_MS: '100',
      ALIBABA_CLOUD_VOD_CALLBACK_AUTH_KEY: VOD_CALLBACK_KEY,
      ALIBABA_CLOUD_IMS_CALLBACK_AUTH_KEY: IMS_CALLBACK_KEY,
      TENCENTCLOUD_VOD_EVENT_TOKEN: TENCENT_EVENT_TOKEN,
    };
    // Apps that share the main app's records, so an upload made there can be refreshed or committed here.
    const shared = { REDIS_KEY_PREFIX: `examples${randomBytes(4).toString('hex')}:` };
    main = await startTestApp({ redis: true, env: { ...env, ...shared } });
    const started = await Promise.all([
      startTestApp({ env: { AUTH_PERMISSIONS_ENABLED: 'true' } }),
      startTestApp({ redis: true, env: { ...env, RATE_LIMIT_DEFAULT: 'user:1/1h,ip:1000/1h' } }),
      startTestApp({
        redis: true,
        env: {
          ...env,
          UPSTREAM_BUDGET_MAX_WAIT_MS: '0',
          ...Object.fromEntries(CATALOG.upstreamApis.map((api) => [budgetVariable(api.id), '0.01'])),
        },
      }),
      startTestApp({
        redis: true,
        env: { ...env, ...shared, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret', TENCENTCLOUD_SECRET_KEY: 'not-the-secret' },
      }),
      startTestApp({
        env: { ...env, REDIS_URL: redisToStop.url, CACHE_ENCRYPTION_KEY: TEST_CACHE_KEY, REDIS_COMMAND_TIMEOUT_MS: '200' },
      }),
      startTestApp({ env: { ...env, REGIONS: 'cn,intl' } }),
    ]);
    const [unconfigured, limited, busy, rejected, storeDown, regions] = started;
    apps = { unconfigured, limited, busy, rejected, storeDown, regions };
    jwksDownEnv = { ...env, AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: jwksUrl, AUTH_JWKS_TIMEOUT_MS: '300' };
    await redisToStop.stop();
    // Made before any budget is drained: a budget of 0.01 calls/s lets each provider operation be called once.
    for (const operationId of ['refreshAliyunVodVideoUpload', 'refreshAliyunImsMediaUpload', 'commitTencentVodUpload']) {
      busyUploads[operationId] = (await upload(operationId, 'busy-user', busy)).id;
    }
    // An audio file is created by the operation the video above spent its one unit on: recorded without a call.
    const audioId = randomBytes(16).toString('hex');
    await busy.app.get(UploadRecords).issue(
      { id: 'busy-user', permissions: [] },
      aliyun.VOD_AUDIO.spec,
      async () => ({ videoId: audioId }),
      (answer) => answer,
    );
    busyUploads.refreshAliyunVodAudioUpload = audioId;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    rsaToken = signJwt(claims('alice', { scope: ALL_SCOPES }), { alg: 'RS256', key: privateKey }, { kid: 'k1' });
  }, 30_000);

  afterEach(() => {
    cloud.emulator.server.faults.clear();
    tencentCloud.faults.clear();
  });
  afterAll(async () => {
    await Promise.all([main, ...Object.values(apps ?? {})].map((app) => app?.close()));
    await Promise.all([cloud?.close(), tencentCloud?.close(), jwks?.stop()]);
  });

  // ---- Uploads to act on ---------------------------------------------------------------------------

  /** A fresh upload of `user` made through the main app: the ids a refresh, commit or signature names. */
  async function upload(operationId: string, user: string, app = main): Promise<{ uploadId: string; id: string }> {
    const create: Record<string, [string, unknown, string]> = {
      refreshAliyunVodVideoUpload: ['/v1/uploads/aliyun-vod/videos', CREATE_BODIES.createAliyunVodVideoUpload, 'videoId'],
      refreshAliyunVodAudioUpload: ['/v1/uploads/aliyun-vod/audios', CREATE_BODIES.createAliyunVodAudioUpload, 'videoId'],
      refreshAliyunImsMediaUpload: ['/v1/uploads/aliyun-ims/media', CREATE_BODIES.createAliyunImsMediaUpload, 'mediaId'],
      commitTencentVodUpload: ['/v1/uploads/tencent-vod/media', CREATE_BODIES.applyTencentVodUpload, 'uploadId'],
      createTencentVodUploadSignature: ['/v1/uploads/tencent-vod/signatures', undefined, 'uploadId'],
    };
    const [path, body, idField] = create[operationId] ?? create.commitTencentVodUpload;
    const response = await send(app, { path, body, headers: bearer(app, user) });
    expect(response.status).toBe(201);
    const answer = await response.json();
    return { uploadId: answer.uploadId, id: answer[idField] };
  }

  /** The request of `example`'s operation that would succeed for `user` (given an upload to name). */
  async function goodRequest(example: Documented, user: string): Promise<Request> {
    const { operationId, method } = example;
    const path = (id: string) => example.path.replace(/\{[^}]+\}/, id);
    if (CREATE_BODIES[operationId]) return { path: example.path, body: CREATE_BODIES[operationId] };
    if (operationId === 'createTencentVodUploadSignature') return { path: example.path };
    if (/^(refresh|commit)/.test(operationId)) return { path: path((await upload(operationId, user)).id) };
    if (operationId.startsWith('receiveAliyun')) {
      const product = operationId === 'receiveAliyunVodEvent' ? 'VOD' : 'ICE';
      const key = product === 'VOD' ? VOD_CALLBACK_KEY : IMS_CALLBACK_KEY;
      const timestamp = Math.floor(Date.now() / 1000);
      const url = main.app.get(ConfigService).section(aliyun.ALIYUN_CONFIG).vod!.callbackUrl!;
      return {
        path: example.path,
        body: product === 'VOD' ? aliyun.VOD_EVENT_EXAMPLE : aliyun.IMS_EVENT_EXAMPLE,
        headers: { [`x-${product}-timestamp`]: String(timestamp), [`x-${product}-signature`]: signAliyunCallback(url, timestamp, key) },
      };
    }
    if (operationId === 'receiveTencentVodEvent') return { path: path(TENCENT_EVENT_TOKEN), body: tencent.TENCENT_EVENT_EXAMPLE };
    if (operationId === 'getReadiness') return { method, path: example.path };
    return { method, path: path(UNKNOWN_UPLOAD_ID) };
  }

  const authorized = (request: Request, app: TestApp, user: string): Request => ({
    ...request,
    headers: { ...bearer(app, user), ...request.headers },
  });

  /** The upstream call of the route, for fault injection. */
  const upstreamOf = (example: Documented) => {
    const upstream = ROUTES[example.operationId]?.upstream;
    if (!upstream) throw new Error(`${example.operationId} calls no provider`);
    const server = upstream.cloud === 'aliyun' ? cloud.emulator.server : tencentCloud;
    return { server, spec: { provider: upstream.provider, operation: upstream.action } };
  };

  /** Sends `request` to `app` while the route's provider call takes `kind` once. */
  async function withFault(example: Documented, kind: 'throttle' | 'server-error' | 'hang'): Promise<Response> {
    const user = freshUser();
    const request = authorized(await goodRequest(example, user), main, user);
    const { server, spec } = upstreamOf(example);
    server.faults.inject({ kind, ...spec, times: 1 });
    return send(main, request);
  }

  /** Sends `second` while `first` is held at the provider: a second request meeting the first in flight. */
  async function whileInFlight(example: Documented, first: Request, second: Request): Promise<Response> {
    const { server, spec } = upstreamOf(example);
    const before = server.calls(spec.provider, spec.operation);
    // Below the provider timeouts (500 ms), above the commit's wait for a running commit (100 ms).
    server.faults.inject({ kind: 'latency', delayMs: 300, ...spec, times: 1 });
    const firstAnswer = send(main, first);
    await until(() => server.calls(spec.provider, spec.operation) > before, 5_000, 'the first request to reach the provider');
    const answer = await send(main, second);
    expect((await firstAnswer).status).toBeLessThan(300);
    return answer;
  }

  // ---- How to provoke each documented answer -------------------------------------------------------

  async function provoke(example: Documented): Promise<Response> {
    const user = freshUser();
    const good = () => goodRequest(example, user);
    const { operationId } = example;
    const kind = ROUTES[operationId]?.kind;

    switch (`${example.status} ${example.name}`) {
      case '400 MALFORMED_JSON':
        return send(main, authorized({ ...(await good()), body: '{' }, main, user));
      case '400 VALIDATION_FAILED': {
        const body = /the request body `(.+)`\./.exec(example.description ?? '')?.[1];
        const query = /the query `(.+)`\./.exec(example.description ?? '')?.[1];
        if (body) return send(main, authorized({ ...(await good()), body: JSON.parse(body) }, main, user));
        if (query) return send(main, authorized({ method: example.method, path: `${example.path}${query}` }, main, user));
        throw new Error(`${operationId}: the validation example does not say which request it answers`);
      }
      case '401 UNAUTHENTICATED':
        if (operationId.startsWith('receiveAliyun')) return send(main, { path: example.path, body: {} });
        return send(main, { ...(await good()), headers: {} });
      case '403 FORBIDDEN':
        return send(main, { ...(await good()), headers: main.bearer(user) });
      case '403 REGION_NOT_ALLOWED':
        return send(apps.regions, { ...(await good()), headers: bearer(apps.regions, user, ALL_SCOPES, 'mars') });
      case '404 NOT_FOUND': {
        if (operationId.startsWith('receive')) return send(apps.unconfigured, await good());
        const request = authorized(await good(), main, user);
        if (operationId === 'createTencentVodUploadSignature') return send(main, { ...request, body: { uploadId: UNKNOWN_UPLOAD_ID } });
        return send(main, {
          ...request,
          path: example.path.replace(/\{[^}]+\}/, /refresh/.test(operationId) ? 'a'.repeat(32) : UNKNOWN_UPLOAD_ID),
        });
      }
      case '409 IDEMPOTENCY_IN_FLIGHT': {
        const request = authorized(await good(), main, user);
        const keyed = { ...request, headers: { ...request.headers, 'idempotency-key': `key-${user}` } };
        return whileInFlight(example, keyed, keyed);
      }
      case '409 CONFLICT':
        if (operationId === 'commitTencentVodUpload') {
          const request = authorized(await good(), main, user);
          return whileInFlight(example, request, request);
        }
        return signaturesUsedUp(user);
      case '409 UPLOAD_COMPLETED':
        return uploadCompleted(example, user);
      case '410 UPLOAD_REVOKED': {
        const { uploadId, id } = await upload(operationId, user);
        expect((await send(main, authorized({ method: 'DELETE', path: `/v1/uploads/${uploadId}` }, main, user))).status).toBe(204);
        if (operationId === 'createTencentVodUploadSignature')
          return send(main, authorized({ path: example.path, body: { uploadId } }, main, user));
        return send(main, authorized({ path: example.path.replace(/\{[^}]+\}/, id) }, main, user));
      }
      case '410 GONE_AT_TENCENT':
      case '410 GONE': {
        const request = authorized(await good(), main, user);
        tencentVod.failNext('CommitUpload', 'InvalidParameterValue.VodSessionKey');
        const atTencent = await send(main, request);
        // Tencent refused the session: the service forgets it, so the retry meets our own expiry answer.
        return example.name === 'GONE' ? send(main, request) : atTencent;
      }
      case '413 PAYLOAD_TOO_LARGE':
        return send(main, authorized({ ...(await good()), body: JSON.stringify('x'.repeat(main.config.http.bodyLimitBytes)) }, main, user));
      case '415 UNSUPPORTED_MEDIA_TYPE':
        return send(main, authorized({ ...(await good()), body: 'x', headers: { 'content-type': 'text/plain' } }, main, user));
      case '422 IDEMPOTENCY_KEY_REUSED': {
        const request = authorized(await good(), main, user);
        const headers = { ...request.headers, 'idempotency-key': `key-${user}` };
        expect((await send(main, { ...request, headers })).status).toBe(201);
        // Another (valid) body under the same key.
        return send(main, { ...request, headers, body: OTHER_CREATE_BODIES[operationId] });
      }
      case '422 UNPROCESSABLE':
        tencentVod.failNext('CommitUpload', 'ResourceNotFound');
        return send(main, authorized(await good(), main, user));
      case '429 RATE_LIMITED': {
        const request = authorized(await goodRequest(example, user), apps.limited, user);
        for (let attempt = 0; attempt < 10; attempt++) {
          const response = await send(apps.limited, request);
          if (response.status === 429) return response;
        }
        throw new Error(`${operationId}: never rate limited`);
      }
      case '429 QUOTA_EXCEEDED': {
        const limit = main.config.protection.dailyQuotas[kind!];
        const { day, msUntilReset } = utcDay(Date.now());
        const key = ProtectionKeys.quota(kind!, user, day);
        for (let used = 0; used < limit; used++) await main.app.get(Store).reserveQuota(key, limit, msUntilReset);
        return send(main, authorized(await good(), main, user));
      }
      case '501 PROVIDER_NOT_CONFIGURED':
        return send(apps.unconfigured, authorized(await good(), apps.unconfigured, user));
      case '502 UPSTREAM_REJECTED':
        return send(apps.rejected, authorized(await good(), apps.rejected, user));
      case '503 STORE_UNAVAILABLE':
        if (operationId.startsWith('receive') || operationId === 'getReadiness') return send(apps.storeDown, await good());
        return send(apps.storeDown, authorized(await good(), apps.storeDown, user));
      case '503 SIGNING_KEYS_UNAVAILABLE': {
        // A fresh app: after a failed fetch, the next AUTH_JWKS_REFETCH_INTERVAL_MS meet 401 (no key) instead.
        const jwksDown = await startTestApp({ env: jwksDownEnv });
        try {
          return await buffered(await send(jwksDown, { ...(await good()), headers: { authorization: `Bearer ${rsaToken}` } }));
        } finally {
          await jwksDown.close();
        }
      }
      case '503 UPSTREAM_BUSY': {
        const { spec } = upstreamOf(example);
        const provider = spec.provider;
        const rate = apps.busy.config.protection.upstreamBudgets[provider];
        const store = apps.busy.app.get(Store);
        while ((await store.takeToken(upstreamBudgetKey(provider, spec.operation), rate, 1)).allowed);
        const id = busyUploads[operationId];
        const path = id ? example.path.replace(/\{[^}]+\}/, id) : example.path;
        return send(apps.busy, { path, body: CREATE_BODIES[operationId], headers: bearer(apps.busy, 'busy-user') });
      }
      case '503 UPSTREAM_THROTTLED':
        return withFault(example, 'throttle');
      case '503 UPSTREAM_UNAVAILABLE':
        return withFault(example, 'server-error');
      case '504 UPSTREAM_TIMEOUT':
        return withFault(example, 'hang');
    }
    throw new Error(`no way to provoke ${example.status} ${example.name} of ${operationId}: add one here`);
  }

  /** The signature session's last signature (TENCENTCLOUD_VOD_SIGNATURES_PER_UPLOAD), then one more. */
  async function signaturesUsedUp(user: string): Promise<Response> {
    const { uploadId } = await upload('createTencentVodUploadSignature', user);
    const next = () => send(main, authorized({ path: '/v1/uploads/tencent-vod/signatures', body: { uploadId } }, main, user));
    for (
      let used = 1;
      used <
      (main.app.get(ConfigService).section(tencent.TENCENT_CONFIG) as { vod: { signaturesPerUpload: number } }).vod.signaturesPerUpload;
      used++
    )
      expect((await next()).status).toBe(201);
    return next();
  }

  /** An upload the provider reported complete (its event), then the route that refuses a complete upload. */
  async function uploadCompleted(example: Documented, user: string): Promise<Response> {
    if (example.operationId.startsWith('refresh')) {
      // A complete upload of the refresh's kind (its provider's event, as the records apply it).
      const created = await upload(example.operationId, user);
      expect(await main.app.get(UploadRecords).complete(created.uploadId, { status: 'uploaded' })).toBe('applied');
      return send(main, authorized({ path: example.path.replace(/\{[^}]+\}/, created.id) }, main, user));
    }
    const { uploadId } = await upload('createTencentVodUploadSignature', user);
    const fileId = `52858907${String(Date.now()).slice(-11)}`;
    const event = {
      EventType: 'NewFileUpload',
      FileUploadEvent: { FileId: fileId, MediaBasicInfo: { SourceInfo: { SourceContext: `uploadId=${uploadId}&userId=${user}` } } },
    };
    // The file is at Tencent (what DescribeMediaInfos will say), then its event comes.
    const control = tencentVod.controls().find((route) => route.action === 'tencent-vod/media');
    expect((await control?.handle({ fileId, state: 'stored', size: 10 }))?.status).toBe(204);
    const received = await send(main, { path: `/v1/events/tencent-vod/${TENCENT_EVENT_TOKEN}`, body: event });
    expect(await received.json()).toEqual({ outcome: 'applied' });
    if (example.operationId === 'revokeUpload')
      return send(main, authorized({ method: 'DELETE', path: `/v1/uploads/${uploadId}` }, main, user));
    return send(main, authorized({ path: example.path, body: { uploadId } }, main, user));
  }

  // ---- The checks -----------------------------------------------------------------------------------

  it('documents at least one example for every problem response, and one description per response', () => {
    for (const { operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const lines = response.description.split('\n').filter((line) => line.trim() !== '');
        expect({ operation: operation.operationId, status, repeated: lines.filter((line, i) => lines.indexOf(line) !== i) }).toEqual({
          operation: operation.operationId,
          status,
          repeated: [],
        });
        if (Number(status) >= 400) expect(Object.keys(response.content?.['application/problem+json']?.examples ?? {})).not.toEqual([]);
      }
    }
  });

  it('gives every example the status of the response it illustrates', () => {
    expect(documented.length).toBeGreaterThan(100);
    for (const example of documented)
      expect({ at: `${example.operationId} ${example.status}`, status: example.value.status }).toEqual({
        at: `${example.operationId} ${example.status}`,
        status: example.status,
      });
  });

  it.each(documented.map((example) => [`${example.operationId} ${example.status} ${example.name}`, example] as const))(
    '%s is what the service answers',
    async (_title, example) => {
      const response = await provoke(example);
      const body = await response.json();
      expect(response.status).toBe(example.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const shape = (problem: Record<string, unknown>) => ({
        type: problem.type,
        title: problem.title,
        status: problem.status,
        code: problem.code,
        detail: problem.detail,
        errors: problem.errors,
        upstreamRequestId: typeof problem.upstreamRequestId === 'string',
      });
      expect(shape(body)).toEqual(shape(example.value));
      expect({ retryAfter: response.headers.has('retry-after') }).toEqual({
        retryAfter: (example.description ?? '').includes('Retry-After'),
      });
    },
    10_000,
  );
});
