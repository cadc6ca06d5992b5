import createClient, { type FetchResponse, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema.js';

export type Schemas = components['schemas'];
/** The body of every error response (application/problem+json); switch on `code`. */
export type Problem = Schemas['ProblemDto'];
/** The body of a webhook delivery to the app's backend (verify its signature with `standardwebhooks` first). */
export type WebhookEvent = Schemas['WebhookEventDto'];

/**
 * What every call resolves to: `data` on success, otherwise `error` (the problem, typed), and always
 * the raw `response` for its status and headers (Retry-After, X-Request-Id, Idempotent-Replayed).
 * Network failures reject; HTTP errors resolve with `error`.
 */
export type ApiResult<Operation extends keyof operations> = Promise<
  FetchResponse<operations[Operation], Record<string, never>, `${string}/${string}`>
>;

type JsonBody<Operation extends keyof operations> = NonNullable<operations[Operation]['requestBody']>['content']['application/json'];

export interface UploadClientOptions {
  /** Where the service listens, e.g. `https://uploads.example.com`. */
  baseUrl: string;
  /**
   * The signed-in user's JWT, asked for before every authenticated call, so a refreshed token is
   * used as soon as the app has it. Nothing (undefined) sends no Authorization header.
   */
  getToken: () => string | undefined | Promise<string | undefined>;
  /** Default: the global fetch. Pass one to instrument requests or in tests. */
  fetch?: typeof globalThis.fetch;
}

export interface CallOptions {
  /** Cancels the request, e.g. when the upload form is closed. */
  signal?: AbortSignal;
}

export interface CreateCallOptions extends CallOptions {
  /**
   * Makes a retry safe: make one per upload (`crypto.randomUUID()`) and send the same key when
   * retrying it; the service then answers with the first credential instead of issuing another.
   */
  idempotencyKey?: string;
}

/** The service's routes, one method per operation (named by its operationId). */
export interface UploadClient {
  getLiveness(call?: CallOptions): ApiResult<'getLiveness'>;
  getReadiness(call?: CallOptions): ApiResult<'getReadiness'>;
  getMe(call?: CallOptions): ApiResult<'getMe'>;
  /** Sandbox only (404 elsewhere): the ali-oss endpoint, COS Domain and vod-js-sdk-v6 API origin of the emulator. */
  getSandbox(call?: CallOptions): ApiResult<'getSandbox'>;

  /** Alibaba VOD video or audio: then `setUploadAuthAndAddress(uploadInfo, uploadAuth, uploadAddress, videoId)`. */
  createAliyunVodVideoUpload(
    body: JsonBody<'createAliyunVodVideoUpload'>,
    call?: CreateCallOptions,
  ): ApiResult<'createAliyunVodVideoUpload'>;
  /** On `onUploadTokenExpired`: then `resumeUploadWithAuth(uploadAuth)`. */
  refreshAliyunVodVideoUpload(videoId: string, call?: CallOptions): ApiResult<'refreshAliyunVodVideoUpload'>;
  /** Not refreshable: ask for a new one when it expires. */
  createAliyunVodImageUpload(
    body: JsonBody<'createAliyunVodImageUpload'>,
    call?: CreateCallOptions,
  ): ApiResult<'createAliyunVodImageUpload'>;
  /** Watermark, subtitle or material; not refreshable. */
  createAliyunVodAttachedMediaUpload(
    body: JsonBody<'createAliyunVodAttachedMediaUpload'>,
    call?: CreateCallOptions,
  ): ApiResult<'createAliyunVodAttachedMediaUpload'>;

  createAliyunImsMediaUpload(
    body: JsonBody<'createAliyunImsMediaUpload'>,
    call?: CreateCallOptions,
  ): ApiResult<'createAliyunImsMediaUpload'>;
  refreshAliyunImsMediaUpload(mediaId: string, call?: CallOptions): ApiResult<'refreshAliyunImsMediaUpload'>;

  /** Upload to COS with the answer (bucket, region, keys, temporary certificate), then commit. */
  applyTencentVodUpload(body: JsonBody<'applyTencentVodUpload'>, call?: CreateCallOptions): ApiResult<'applyTencentVodUpload'>;
  /** Exactly once: a repeat answers the first result. */
  commitTencentVodUpload(uploadId: string, call?: CallOptions): ApiResult<'commitTencentVodUpload'>;
  /**
   * For vod-js-sdk-v6's `getSignature` and TXUGCPublish; no body means a new upload with the deployment's
   * defaults, `{ uploadId }` the next signature of that upload.
   */
  createTencentVodUploadSignature(
    body?: JsonBody<'createTencentVodUploadSignature'>,
    call?: CallOptions,
  ): ApiResult<'createTencentVodUploadSignature'>;

  /** Your uploads, newest first; pass `nextCursor` back as `cursor` for the next page. */
  listUploads(query?: UploadQuery, call?: CallOptions): ApiResult<'listUploads'>;
  /** One upload's status and provider ids. */
  getUpload(uploadId: string, call?: CallOptions): ApiResult<'getUpload'>;
  /** Nothing more is issued for it (refresh and commit answer 410); 409 once it is complete. */
  revokeUpload(uploadId: string, call?: CallOptions): ApiResult<'revokeUpload'>;

  /** Sandbox only (404 elsewhere): the webhook deliveries the built-in sink received. */
  listSandboxWebhooks(call?: CallOptions): ApiResult<'listSandboxWebhooks'>;
}

export type UploadQuery = NonNullable<operations['listUploads']['parameters']['query']>;

/** Sets `Authorization: Bearer <token>` from the provider, per request. */
function bearerToken(getToken: UploadClientOptions['getToken']): Middleware {
  return {
    async onRequest({ request }) {
      const token = await getToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
}

const idempotent = ({ idempotencyKey, signal }: CreateCallOptions = {}) => ({
  params: { header: idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey } },
  signal,
});

/** A typed client of the upload credentials BFF for web apps, over openapi-fetch and the generated `paths`. */
export function createUploadClient(options: UploadClientOptions): UploadClient {
  const base = { baseUrl: options.baseUrl, fetch: options.fetch };
  // The probes and the sandbox endpoints are public (`security: []`): they never ask for a token.
  const probes = createClient<paths>(base);
  const api = createClient<paths>(base);
  api.use(bearerToken(options.getToken));

  return {
    getLiveness: ({ signal } = {}) => probes.GET('/healthz', { signal }),
    getReadiness: ({ signal } = {}) => probes.GET('/readyz', { signal }),
    getMe: ({ signal } = {}) => api.GET('/v1/me', { signal }),
    getSandbox: ({ signal } = {}) => probes.GET('/v1/sandbox', { signal }),

    createAliyunVodVideoUpload: (body, call) => api.POST('/v1/uploads/aliyun-vod/videos', { body, ...idempotent(call) }),
    refreshAliyunVodVideoUpload: (videoId, { signal } = {}) =>
      api.POST('/v1/uploads/aliyun-vod/videos/{videoId}/refresh', { params: { path: { videoId } }, signal }),
    createAliyunVodImageUpload: (body, call) => api.POST('/v1/uploads/aliyun-vod/images', { body, ...idempotent(call) }),
    createAliyunVodAttachedMediaUpload: (body, call) => api.POST('/v1/uploads/aliyun-vod/attached-media', { body, ...idempotent(call) }),

    createAliyunImsMediaUpload: (body, call) => api.POST('/v1/uploads/aliyun-ims/media', { body, ...idempotent(call) }),
    refreshAliyunImsMediaUpload: (mediaId, { signal } = {}) =>
      api.POST('/v1/uploads/aliyun-ims/media/{mediaId}/refresh', { params: { path: { mediaId } }, signal }),

    applyTencentVodUpload: (body, call) => api.POST('/v1/uploads/tencent-vod/media', { body, ...idempotent(call) }),
    commitTencentVodUpload: (uploadId, { signal } = {}) =>
      api.POST('/v1/uploads/tencent-vod/media/{uploadId}/commit', { params: { path: { uploadId } }, signal }),
    createTencentVodUploadSignature: (body, { signal } = {}) => api.POST('/v1/uploads/tencent-vod/signatures', { body, signal }),

    listUploads: (query = {}, { signal } = {}) => api.GET('/v1/uploads', { params: { query }, signal }),
    getUpload: (uploadId, { signal } = {}) => api.GET('/v1/uploads/{uploadId}', { params: { path: { uploadId } }, signal }),
    revokeUpload: (uploadId, { signal } = {}) => api.DELETE('/v1/uploads/{uploadId}', { params: { path: { uploadId } }, signal }),

    listSandboxWebhooks: ({ signal } = {}) => probes.GET('/v1/sandbox/webhooks', { signal }),
  };
}
