import type { EmulatorRequest, EmulatorRequestHead, EmulatorResponse, ProviderEmulator } from '../core/provider';
import { corsHeaders, preflightAnswer } from '../storage/cors';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { headerValue, objectKeyOf } from '../storage/request-parts';
import { s3Operation } from '../storage/s3-operation';
import { authenticateOss } from './oss-auth';
import { OSS_ERRORS, ossError, ossRequestId } from './oss-errors';
import { OSS_OPERATIONS } from './oss-operations';
import { SUBRESOURCES } from './oss-signature';

/** ali-oss refuses to go on without a readable ETag ("Please set the etag of expose-headers in OSS"). */
const EXPOSED = 'ETag, x-oss-request-id, x-oss-hash-crc64ecma, x-oss-ec';
/** The sub-resources of the emulated operations; a request naming any other is an operation not emulated. */
const EMULATED_SUBRESOURCES = new Set(['uploads', 'uploadId', 'partNumber']);

/**
 * Alibaba Cloud OSS, as far as uploading with a VOD or IMS UploadAuth goes: PutObject and the
 * multipart operations (initiate, part, list, complete, abort), reading the object back, and the
 * CORS a browser needs. Only keys the emulator issued, within their bucket and object, until they
 * expire; a completed object is reported to the completion hook with the media it belongs to.
 */
export class OssEmulator implements ProviderEmulator {
  readonly name = 'aliyun-oss';
  readonly maxBodyBytes: number;

  constructor(private readonly storage: EmulatedStorage) {
    this.maxBodyBytes = storage.maxUploadBodyBytes;
  }

  /** OSS-signed requests, and browser preflights announcing x-oss-* headers. */
  matches(request: EmulatorRequestHead): boolean {
    const authorization = headerValue(request, 'authorization') ?? '';
    if (authorization.startsWith('OSS ') || authorization.startsWith('OSS4-HMAC-SHA256 ')) return true;
    if (request.method === 'OPTIONS') return /(^|,)\s*x-oss-/i.test(headerValue(request, 'access-control-request-headers') ?? '');
    return request.headers['x-oss-date'] !== undefined || request.headers['x-oss-security-token'] !== undefined;
  }

  operation(request: EmulatorRequestHead): string {
    const query = request.query;
    if (request.method === 'OPTIONS') return 'Preflight';
    if ([...query.keys()].some((name) => SUBRESOURCES.has(name) && !EMULATED_SUBRESOURCES.has(name))) return 'NotEmulated';
    return s3Operation(request, { listUploads: false });
  }

  handle(request: EmulatorRequest): EmulatorResponse {
    const host = headerValue(request, 'host') ?? '';
    const operation = this.operation(request);
    if (operation === 'Preflight') return preflightAnswer(request, EXPOSED) ?? this.forbiddenPreflight(host);
    return withOssHeaders(this.answer(request, operation, host), corsHeaders(request, EXPOSED));
  }

  faultResponse(kind: 'server-error' | 'throttle', request: EmulatorRequest): EmulatorResponse {
    // OSS's 503 answers (OSS doc "HTTP status code 503").
    const host = headerValue(request, 'host') ?? '';
    const fault =
      kind === 'throttle'
        ? ossError(503, 'TotalQpsLimitExceeded', 'Max total qps limit is exceeded', host)
        : ossError(503, 'ServiceUnavailable', 'Thread pool is almost full, please retry later', host);
    return withOssHeaders(fault, corsHeaders(request, EXPOSED));
  }

  private answer(request: EmulatorRequest, operation: string, host: string): EmulatorResponse {
    const objectKey = objectKeyOf(request.path);
    if (objectKey === undefined) return ossError(400, 'InvalidObjectName', 'The specified object is not valid.', host);
    let auth: ReturnType<typeof authenticateOss>;
    try {
      auth = authenticateOss(request, objectKey, this.storage.keys, host);
    } catch (error) {
      // A query that cannot be percent-decoded cannot be signed either.
      if (error instanceof URIError) return ossError(400, 'InvalidArgument', 'The query string is not valid.', host);
      throw error;
    }
    if (!auth.ok) return auth.response;
    const { key, target } = auth;
    // VOD's STS policy is not published: the emulator allows the UploadAddress's object and nothing else.
    if (target.bucket !== key.scope.bucket || !key.scope.objects.includes(target.key)) return OSS_ERRORS.accessDenied(host);
    const handler = Object.hasOwn(OSS_OPERATIONS, operation) ? OSS_OPERATIONS[operation] : undefined;
    if (!handler) return OSS_ERRORS.accessDenied(host);
    return handler({
      request,
      target,
      host,
      store: this.storage.oss,
      objectUrl: key.upload?.fileUrl ?? `https://${target.bucket}.oss.aliyuncs.com/${target.key}`,
      onCreated: (object) => {
        if (key.upload)
          this.storage.completed({ ...key.upload, size: object.data.length, completedAt: new Date(this.storage.keys.clock()) });
      },
    });
  }

  private forbiddenPreflight(host: string): EmulatorResponse {
    return ossError(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed (no Origin header).', host);
  }
}

/** Every answer names OSS and a request id, and carries the CORS headers for a browser's origin. */
function withOssHeaders(response: EmulatorResponse, cors: Record<string, string>): EmulatorResponse {
  return { ...response, headers: { server: 'AliyunOSS', 'x-oss-request-id': ossRequestId(), ...cors, ...response.headers } };
}
