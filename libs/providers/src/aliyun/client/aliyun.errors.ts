import { ApiError, ErrorCode, type FieldError } from '@app/common';
import { UPLOAD_NOT_FOUND } from '@app/uploads';
import type { UpstreamErrors, UpstreamFailure } from '@app/upstream';
import { ICE_MEDIA_NOT_FOUND, VOD_VIDEO_NOT_FOUND } from '../aliyun.facts';
import { CredentialsUnavailableError } from './aliyun.credentials';
import { type AliyunOperation, UnexpectedAnswerError } from './operations/aliyun-operation';

/** What the mapping reads of an operation: its parameters and whether it refreshes. */
type AnyOperation = Pick<AliyunOperation<never, { requestId: string }>, 'provider' | 'action' | 'fields' | 'defaultFields' | 'isRefresh'>;

/** Seconds a client should wait: QPS budgets are per second; an outage needs longer. */
const RETRY_AFTER = { throttled: 1, unavailable: 2, credentials: 5 };

/** Codes that blame the request's content; the message says what, never the provider's text. */
const CALLER_FAULTS: Record<string, string> = {
  'InvalidFileName.Extension': 'has an extension the cloud provider does not accept',
  IllegalCharacters: 'contains characters the cloud provider refuses (emoji or special characters)',
  LengthExceededMax: 'is longer than the cloud provider accepts',
  TagsExceededMax: 'has more tags than the cloud provider accepts',
  InvalidParameter: 'was refused by the cloud provider as invalid',
  MissingParameter: 'is required by the cloud provider',
  'InvalidVideo.Damaged': 'names a damaged video that cannot take a new upload credential',
};

/**
 * "Not found" for the id a refresh names, as documented (aliyun.facts.ts): VOD RefreshUploadVideo's
 * InvalidVideo.NotFound; ICE RefreshUploadMedia lists no code of its own, so IMS's common ResourceNotFound.
 */
const NOT_FOUND = new Set([...VOD_VIDEO_NOT_FOUND, ...ICE_MEDIA_NOT_FOUND]);

const UNAVAILABLE = new Set(['ServiceUnavailable', 'ServiceUnAvailable', 'InternalError', 'AddVideoFailed', 'UnknownError']);

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/** What openapi-client throws for a 4xx/5xx answer (tea ResponseError): the JSON body is in `data`. */
export interface ProviderError {
  code: string;
  message?: string;
  data: { statusCode: number; RequestId?: unknown };
}

export function isProviderError(error: unknown): error is ProviderError {
  const data = (error as { data?: { statusCode?: unknown } } | null)?.data;
  return typeof (error as { code?: unknown })?.code === 'string' && typeof data?.statusCode === 'number';
}

/** The operation's parameter named in the message, longest names first so `FileInfo.Ext` beats `Ext`. */
function namedParameter(message: string, operation: AnyOperation): string | undefined {
  const names = Object.keys(operation.fields).sort((a, b) => b.length - a.length);
  return names.find((name) => new RegExp(`(^|[^A-Za-z.])${name.replace('.', '\\.')}(?![A-Za-z])`).test(message));
}

function fromProvider(failure: UpstreamFailure, operation: AnyOperation, cause: unknown): ApiError {
  const status = failure.upstreamHttpStatus ?? 500;
  const code = failure.upstreamCode ?? '';
  const base = { upstreamRequestId: failure.upstreamRequestId, cause };

  if (code.startsWith('Throttling')) {
    return new ApiError(503, ErrorCode.UPSTREAM_THROTTLED, 'The cloud provider is throttling our requests; retry shortly.', {
      ...base,
      retryAfterSeconds: RETRY_AFTER.throttled,
    });
  }
  if (status >= 500 || UNAVAILABLE.has(code)) {
    return new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'The cloud provider is unavailable; retry shortly.', {
      ...base,
      retryAfterSeconds: RETRY_AFTER.unavailable,
    });
  }
  if (operation.isRefresh && NOT_FOUND.has(code)) return new ApiError(404, ErrorCode.NOT_FOUND, UPLOAD_NOT_FOUND, base);

  const fault = CALLER_FAULTS[code];
  if (fault) {
    const message = (cause as { message?: unknown }).message;
    const parameter = namedParameter(typeof message === 'string' ? message : '', operation);
    const field = parameter !== undefined ? operation.fields[parameter] : operation.defaultFields[code];
    // A parameter the server sets (AppId, StorageLocation, an allowlisted id...) is our configuration's fault.
    if (field) {
      const errors: FieldError[] = [{ field, message: `${field} ${fault}` }];
      return new ApiError(400, ErrorCode.VALIDATION_FAILED, 'The cloud provider refused a field of the request.', { ...base, errors });
    }
  }
  return new ApiError(502, ErrorCode.UPSTREAM_REJECTED, 'The cloud provider refused our request; this is a problem on our side.', base);
}

/** The error hook of every Alibaba call: openapi-client's errors, the credential chain's, our answer checks. */
export const aliyunErrors: UpstreamErrors<AnyOperation> = {
  classify(error, timedOut) {
    if (isProviderError(error)) {
      const id = error.data.RequestId;
      return {
        kind: 'provider',
        upstreamCode: error.code,
        upstreamHttpStatus: error.data.statusCode,
        upstreamRequestId: typeof id === 'string' ? id : undefined,
      };
    }
    if (error instanceof CredentialsUnavailableError) return { kind: 'credentials' };
    if (error instanceof UnexpectedAnswerError) return { kind: 'invalid-response' };
    if (timedOut || (error as { name?: unknown })?.name === 'RequestTimeoutError') return { kind: 'timeout' };
    return { kind: 'network' };
  },

  toApiError(failure, operation, cause) {
    if (cause instanceof ApiError) return cause;
    switch (failure.kind) {
      case 'provider':
      case 'http-status':
        return fromProvider(failure, operation, cause);
      case 'credentials':
        return new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, 'Cloud credentials could not be obtained; retry shortly.', {
          retryAfterSeconds: RETRY_AFTER.credentials,
          cause,
        });
      case 'invalid-response':
        return new ApiError(502, ErrorCode.UPSTREAM_REJECTED, 'The cloud provider gave an answer we could not use.', { cause });
      case 'timeout':
        return new ApiError(504, ErrorCode.UPSTREAM_TIMEOUT, 'The cloud provider did not answer in time.', { cause });
      case 'network': {
        const networkCode = (cause as { code?: unknown })?.code;
        const reachable = !(typeof networkCode === 'string' && NETWORK_ERRORS.has(networkCode));
        // Anything else (a reset, an error page that is not JSON): the exchange failed, not the request.
        const detail = reachable
          ? 'The cloud provider is unavailable; retry shortly.'
          : 'The cloud provider cannot be reached; retry shortly.';
        return new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, detail, { retryAfterSeconds: RETRY_AFTER.unavailable, cause });
      }
    }
  },
};
