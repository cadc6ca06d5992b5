import type { EmulatorRequest, EmulatorRequestHead, EmulatorResponse, ProviderEmulator } from '../core/provider';
import { corsHeaders, preflightAnswer } from '../storage/cors';
import type { EmulatedStorage } from '../storage/emulated-storage';
import { headerValue, objectKeyOf } from '../storage/request-parts';
import { s3Operation } from '../storage/s3-operation';
import { authenticateCos } from './cos-auth';
import { COS_ERRORS, cosError, cosRequestId } from './cos-errors';
import { COS_OPERATIONS } from './cos-operations';

/** The default domain `<bucket>-<appid>.cos.<region>.myqcloud.com` (Node's `Ip` option and host mappings keep it). */
const COS_HOST = /^([a-z0-9-]+-\d+)\.cos\.([a-z0-9-]+)\.myqcloud\.com(?::\d+)?$/;
/** cos-js-sdk-v5 needs the part ETags readable ("please add "ETag" to CORS ExposeHeader"). */
const EXPOSED = 'ETag, Content-Length, x-cos-request-id';
/** Query parameters of the emulated operations; any other names an operation that is not emulated (?acl, ?tagging…). */
// prettier-ignore
const EMULATED_PARAMETERS = new Set([
  'uploads', 'uploadId', 'partNumber', 'prefix', 'delimiter', 'encoding-type', 'key-marker', 'upload-id-marker', 'max-uploads',
  'max-parts', 'part-number-marker',
]);
const DEFAULT_REGION = 'ap-guangzhou';

/**
 * Tencent Cloud COS, as far as uploading with ApplyUpload's (or ApplyUploadUGC's) temporary
 * certificate goes: PutObject, the multipart operations sliceUploadFile uses (it lists uploads
 * first), reading the object back, and the CORS a browser needs. Only certificates the emulator
 * issued, for their bucket and storage paths, until they expire.
 */
export class CosEmulator implements ProviderEmulator {
  readonly name = 'tencent-cos';
  readonly maxBodyBytes: number;

  constructor(private readonly storage: EmulatedStorage) {
    this.maxBodyBytes = storage.maxUploadBodyBytes;
  }

  /** COS-signed requests, requests with a COS token, and browser preflights for COS. */
  matches(request: EmulatorRequestHead): boolean {
    if ((headerValue(request, 'authorization') ?? '').startsWith('q-sign-algorithm=')) return true;
    if (request.headers['x-cos-security-token'] !== undefined) return true;
    if (request.method !== 'OPTIONS') return false;
    return (
      /(^|,)\s*x-cos-/i.test(headerValue(request, 'access-control-request-headers') ?? '') ||
      COS_HOST.test(headerValue(request, 'host') ?? '')
    );
  }

  operation(request: EmulatorRequestHead): string {
    const query = request.query;
    if (request.method === 'OPTIONS') return 'Preflight';
    if ([...query.keys()].some((name) => !EMULATED_PARAMETERS.has(name))) return 'NotEmulated';
    return s3Operation(request, { listUploads: true });
  }

  handle(request: EmulatorRequest): EmulatorResponse {
    const host = headerValue(request, 'host') ?? '';
    const operation = this.operation(request);
    if (operation === 'Preflight') {
      return preflightAnswer(request, EXPOSED) ?? cosError(403, 'AccessForbidden', 'CORS is not allowed without an Origin.', host);
    }
    return withCosHeaders(this.answer(request, operation, host), corsHeaders(request, EXPOSED));
  }

  faultResponse(kind: 'server-error' | 'throttle', request: EmulatorRequest): EmulatorResponse {
    // COS error codes (436/7730): SlowDown for request-rate limits, InternalError otherwise.
    const resource = `${headerValue(request, 'host') ?? ''}${request.path}`;
    const fault =
      kind === 'throttle'
        ? cosError(503, 'SlowDown', 'Please reduce your request rate.', resource)
        : cosError(500, 'InternalError', 'We encountered an internal error. Please try again.', resource);
    return withCosHeaders(fault, corsHeaders(request, EXPOSED));
  }

  private answer(request: EmulatorRequest, operation: string, host: string): EmulatorResponse {
    const resource = `${host}${request.path}`;
    const objectKey = objectKeyOf(request.path);
    if (objectKey === undefined) return cosError(400, 'InvalidURI', 'Could not parse the specified URI.', resource);
    let auth: ReturnType<typeof authenticateCos>;
    try {
      auth = authenticateCos(request, objectKey, this.storage.keys, resource);
    } catch (error) {
      if (error instanceof URIError) return cosError(400, 'InvalidURI', 'Could not parse the specified URI.', resource);
      throw error;
    }
    if (!auth.ok) return auth.response;
    const { scope } = auth.key;
    // With the Domain option the Host names no bucket: the certificate's bucket is the one meant.
    const hostMatch = COS_HOST.exec(host);
    const bucket = hostMatch?.[1] ?? scope.bucket;
    // VOD's temporary-key policy is not published: the emulator allows the storage paths of the
    // certificate, and listing uploads under one of them (sliceUploadFile does that first).
    const allowed =
      bucket === scope.bucket &&
      (operation === 'ListMultipartUploads'
        ? objectKey === '' && scope.objects.includes(request.query.get('prefix') ?? '')
        : scope.objects.includes(objectKey));
    const handler = Object.hasOwn(COS_OPERATIONS, operation) ? COS_OPERATIONS[operation] : undefined;
    if (!allowed || !handler) return COS_ERRORS.accessDenied(resource);
    const region = hostMatch?.[2] ?? scope.region ?? DEFAULT_REGION;
    return handler({ request, bucket, region, key: objectKey, store: this.storage.cos, resource });
  }
}

function withCosHeaders(response: EmulatorResponse, cors: Record<string, string>): EmulatorResponse {
  return { ...response, headers: { server: 'tencent-cos', 'x-cos-request-id': cosRequestId(), ...cors, ...response.headers } };
}
