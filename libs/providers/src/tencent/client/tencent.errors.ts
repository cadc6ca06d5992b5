import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import { ApiError, ErrorCode, type FieldError } from '@app/common';
import type { UpstreamErrors, UpstreamFailure, UpstreamOperation } from '@app/upstream';
import { InvalidVodResponseError } from './operations/tencent-operation';

const THROTTLED_RETRY_AFTER_SECONDS = 1;
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Codes our caller's input causes, with the field of OUR request at fault. Source: the error lists of
 * ApplyUpload (266/31767) and CommitUpload (266/31766); SessionContextTooLong from ComposeMedia.
 * Anything else about the request (SubAppId, Procedure, ClassId, StorageRegion…) is our configuration.
 */
const CLIENT_FIELD_ERRORS: Record<string, FieldError> = {
  'InvalidParameterValue.MediaType': { field: 'mediaType', message: 'mediaType is not a media type Tencent Cloud VOD accepts' },
  'InvalidParameterValue.CoverType': { field: 'coverType', message: 'coverType is not a cover type Tencent Cloud VOD accepts' },
  'InvalidParameterValue.ExpireTime': { field: 'expireTime', message: 'expireTime is not a date Tencent Cloud VOD accepts' },
  'InvalidParameter.ExpireTime': {
    field: 'expireTime',
    message: 'expireTime is not accepted by Tencent Cloud VOD; it must lie in the future',
  },
  'InvalidParameterValue.SessionContextTooLong': { field: 'sessionContext', message: 'sessionContext is too long for Tencent Cloud VOD' },
};

/**
 * The SDK throws TencentCloudSDKHttpException for provider errors (code set), non-200 answers
 * (httpCode set) and transport failures (neither), but lets a non-JSON 200 escape as node-fetch's
 * raw FetchError ("invalid-json") and a JSON 200 without `Response` as a TypeError.
 */
function classify(error: unknown, timedOut: boolean): UpstreamFailure {
  if (error instanceof TencentCloudSDKHttpException) {
    const { code, httpCode, requestId } = error as TencentCloudSDKHttpException & { code?: string; httpCode?: number };
    if (code) return { kind: 'provider', upstreamCode: code, upstreamRequestId: requestId || undefined };
    if (httpCode) return { kind: 'http-status', upstreamHttpStatus: httpCode };
    return { kind: timedOut || /network timeout/i.test(error.message) ? 'timeout' : 'network' };
  }
  const type = (error as { type?: unknown })?.type;
  if (timedOut || type === 'body-timeout' || (error as Error)?.name === 'AbortError') return { kind: 'timeout' };
  if (error instanceof InvalidVodResponseError || error instanceof TypeError || type === 'invalid-json')
    return { kind: 'invalid-response' };
  return { kind: 'network' };
}

function toApiError(failure: UpstreamFailure, operation: UpstreamOperation, cause: unknown): ApiError {
  const upstream = { upstreamRequestId: failure.upstreamRequestId, cause };
  const unavailable = (detail: string) =>
    new ApiError(503, ErrorCode.UPSTREAM_UNAVAILABLE, detail, { ...upstream, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });
  const throttled = () =>
    new ApiError(503, ErrorCode.UPSTREAM_THROTTLED, 'Tencent Cloud VOD is throttling our requests; retry shortly.', {
      ...upstream,
      retryAfterSeconds: THROTTLED_RETRY_AFTER_SECONDS,
    });
  const rejected = () =>
    new ApiError(
      502,
      ErrorCode.UPSTREAM_REJECTED,
      'Tencent Cloud VOD refused the request because of how this service is set up, not because of your input.',
      upstream,
    );

  switch (failure.kind) {
    case 'timeout':
      return new ApiError(504, ErrorCode.UPSTREAM_TIMEOUT, 'Tencent Cloud VOD did not answer in time; retry shortly.', upstream);
    case 'network':
    case 'credentials':
      return unavailable('Tencent Cloud VOD could not be reached; retry shortly.');
    case 'invalid-response':
      return unavailable('Tencent Cloud VOD gave an answer we could not read; retry shortly.');
    case 'http-status':
      if (failure.upstreamHttpStatus === 429) return throttled();
      // A 4xx without a Tencent error body comes from a wrong endpoint or a proxy in between: our setup.
      return (failure.upstreamHttpStatus ?? 500) >= 500 ? unavailable('Tencent Cloud VOD is unavailable; retry shortly.') : rejected();
    case 'provider': {
      const code = failure.upstreamCode ?? '';
      if (isThrottle(code)) return throttled();
      if (isOutage(code)) return unavailable('Tencent Cloud VOD is unavailable; retry shortly.');
      return callerError(operation, code, upstream) ?? rejected();
    }
  }
}

/** The error hook of every Tencent call: the SDK's exceptions, node-fetch's, our answer checks. */
export const tencentErrors: UpstreamErrors<UpstreamOperation> = { classify, toApiError };

/** Errors that are about the caller's request or upload, not about us or Tencent's health. */
function callerError(
  operation: UpstreamOperation,
  code: string,
  upstream: { upstreamRequestId?: string; cause: unknown },
): ApiError | undefined {
  const field = CLIENT_FIELD_ERRORS[code];
  if (field)
    return new ApiError(400, ErrorCode.VALIDATION_FAILED, 'Tencent Cloud VOD refused a field of the request.', {
      ...upstream,
      errors: [field],
    });
  if (operation.action !== 'CommitUpload') return undefined;
  if (code === 'InvalidParameterValue.VodSessionKey') {
    return new ApiError(410, ErrorCode.GONE, 'The upload session expired or was already used at Tencent Cloud VOD; apply again.', upstream);
  }
  if (code === 'ResourceNotFound') {
    // The docs list the code without a meaning; the likeliest cause is a commit before the file was stored.
    return new ApiError(
      422,
      ErrorCode.UNPROCESSABLE,
      'Tencent Cloud VOD found nothing to commit; finish uploading the media (and cover) first.',
      upstream,
    );
  }
  return undefined;
}

/** Source: common error codes (266/31774): RequestLimitExceeded and its .IPLimitExceeded/.UinLimitExceeded… variants. */
function isThrottle(code: string): boolean {
  return code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.');
}

/** Source: common error codes (266/31774): InternalError (and product sub-codes), ServiceUnavailable. */
function isOutage(code: string): boolean {
  return code === 'InternalError' || code.startsWith('InternalError.') || code === 'ServiceUnavailable';
}
