import { ApiError, ErrorCode } from '@app/common';
import { failureFields, isTransient } from './transient-failure';

const apiError = (status: number, code: ErrorCode, options = {}) => new ApiError(status, code, 'detail', options);

describe(isTransient.name, () => {
  it.each([
    ['a provider outage', apiError(503, ErrorCode.UPSTREAM_UNAVAILABLE)],
    ['throttling', apiError(503, ErrorCode.UPSTREAM_THROTTLED)],
    ['an exhausted budget', apiError(503, ErrorCode.UPSTREAM_BUSY)],
    ['a timeout', apiError(504, ErrorCode.UPSTREAM_TIMEOUT)],
    ['the store away', apiError(503, ErrorCode.STORE_UNAVAILABLE)],
    ['a shutdown', apiError(503, ErrorCode.SHUTTING_DOWN)],
    ['an error that is not ours', new TypeError('fetch failed')],
    ['our own "still uploading"', new Error('the provider still reports the media as uploading')],
  ])('retries %s', (_case, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['the provider refusing our request (permission, parameter, authentication)', apiError(502, ErrorCode.UPSTREAM_REJECTED)],
    ['a provider not configured', apiError(501, ErrorCode.PROVIDER_NOT_CONFIGURED)],
    ['a field the provider refused', apiError(400, ErrorCode.VALIDATION_FAILED)],
    ['a bug we raised on purpose', apiError(500, ErrorCode.INTERNAL)],
  ])('gives up at once on %s', (_case, error) => {
    expect(isTransient(error)).toBe(false);
  });
});

describe(failureFields.name, () => {
  it("tells our code, status and the provider's request id, never the detail or the cause", () => {
    const error = apiError(502, ErrorCode.UPSTREAM_REJECTED, { upstreamRequestId: 'req-1', cause: new Error('SecretKey=abc') });
    expect(failureFields(error)).toEqual({ code: 'UPSTREAM_REJECTED', status: 502, upstreamRequestId: 'req-1' });
    expect(failureFields(new Error('https://user:pass@host'))).toEqual({ error: 'Error' });
  });
});
