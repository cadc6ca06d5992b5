import { ApiError } from '@app/common';
import { CredentialsUnavailableError } from './aliyun.credentials';
import { UPLOAD_NOT_FOUND } from '@app/uploads';
import { aliyunErrors } from './aliyun.errors';
import { UnexpectedAnswerError } from './operations/aliyun-operation';
import { CREATE_UPLOAD_MEDIA, REFRESH_UPLOAD_MEDIA } from './operations/ice.operations';
import { CREATE_UPLOAD_VIDEO, REFRESH_UPLOAD_VIDEO } from './operations/vod.operations';

/** What the client is told for `error`, as UpstreamCall asks the hook. */
function mapAliyunError(error: unknown, operation: Parameters<typeof aliyunErrors.toApiError>[1]): ApiError {
  return aliyunErrors.toApiError(aliyunErrors.classify(error, false), operation, error);
}

/** What openapi-client throws for a 4xx/5xx answer. */
const providerError = (statusCode: number, code: string, message = '') =>
  Object.assign(new Error(`${code}: code: ${statusCode}, ${message} request id: REQ-1`), {
    code,
    data: { statusCode, Code: code, Message: message, RequestId: 'REQ-1' },
  });

describe('aliyunErrors', () => {
  it.each([
    [400, 'Throttling.User', 503, 'UPSTREAM_THROTTLED', 1],
    [503, 'ServiceUnavailable', 503, 'UPSTREAM_UNAVAILABLE', 2],
    [500, 'InternalError', 503, 'UPSTREAM_UNAVAILABLE', 2],
    [503, 'AddVideoFailed', 503, 'UPSTREAM_UNAVAILABLE', 2],
    [400, 'SignatureDoesNotMatch', 502, 'UPSTREAM_REJECTED', undefined],
    [400, 'InvalidAccessKeyId.NotFound', 502, 'UPSTREAM_REJECTED', undefined],
    [400, 'InvalidTimeStamp.Expired', 502, 'UPSTREAM_REJECTED', undefined],
    [403, 'Forbidden.RAM', 502, 'UPSTREAM_REJECTED', undefined],
    [403, 'OperationDenied.Suspended', 502, 'UPSTREAM_REJECTED', undefined],
    [404, 'InvalidStorage.NotFound', 502, 'UPSTREAM_REJECTED', undefined],
    [404, 'InvalidTemplateGroupId.NotFound', 502, 'UPSTREAM_REJECTED', undefined],
    [400, 'SomethingNew', 502, 'UPSTREAM_REJECTED', undefined],
  ])('maps %i %s to %i %s', (status, code, expectedStatus, expectedCode, retryAfter) => {
    const mapped = mapAliyunError(providerError(status, code), CREATE_UPLOAD_VIDEO);
    expect(mapped.getStatus()).toBe(expectedStatus);
    expect(mapped.code).toBe(expectedCode);
    expect(mapped.details.retryAfterSeconds).toBe(retryAfter);
    expect(mapped.details.upstreamRequestId).toBe('REQ-1');
    expect(mapped.detail).not.toContain(code);
  });

  it.each([
    ['IllegalCharacters', 'The specified "Title" contains illegal emoticon or special characters.', 'title'],
    ['LengthExceededMax', 'The specified parameter "Description" exceeds the maximum length.', 'description'],
    ['InvalidFileName.Extension', "The specified FileName's extension is illegal.", 'fileName'],
    ['TagsExceededMax', 'too many', 'tags'],
    ['InvalidParameter', 'The specified parameter "CoverURL" is not valid.', 'coverUrl'],
  ])('maps the caller fault %s to 400 naming our field %s, never the provider text', (code, message, field) => {
    const mapped = mapAliyunError(providerError(400, code, message), CREATE_UPLOAD_VIDEO);
    expect(mapped.getStatus()).toBe(400);
    expect(mapped.details.errors).toEqual([{ field, message: expect.stringMatching(new RegExp(`^${field} `)) }]);
    expect(JSON.stringify(mapped.details.errors)).not.toContain(message);
  });

  it('names nested IMS fields, preferring the longest parameter name', () => {
    const mapped = mapAliyunError(
      providerError(400, 'InvalidParameter', 'The specified parameter "FileInfo.Ext" is not valid.'),
      CREATE_UPLOAD_MEDIA,
    );
    expect(mapped.details.errors).toEqual([{ field: 'fileInfo.ext', message: expect.any(String) }]);
  });

  it('blames our configuration (502) when the refused parameter is one the server sets', () => {
    for (const parameter of ['AppId', 'StorageLocation', 'UserData', 'TemplateGroupId', 'CateId']) {
      expect(
        mapAliyunError(
          providerError(400, 'InvalidParameter', `The specified parameter "${parameter}" is not valid.`),
          CREATE_UPLOAD_VIDEO,
        ).getStatus(),
      ).toBe(502);
    }
    expect(
      mapAliyunError(
        providerError(400, 'InvalidParameter', 'The specified parameter "UploadTargetConfig.StorageLocation" is not valid.'),
        CREATE_UPLOAD_MEDIA,
      ).getStatus(),
    ).toBe(502);
    expect(mapAliyunError(providerError(400, 'MissingParameter', 'something unnamed'), CREATE_UPLOAD_VIDEO).getStatus()).toBe(502);
  });

  it('answers a refresh of an id the provider does not know with our own 404', () => {
    for (const [operation, code] of [
      [REFRESH_UPLOAD_VIDEO, 'InvalidVideo.NotFound'],
      [REFRESH_UPLOAD_MEDIA, 'ResourceNotFound'],
    ] as const) {
      const mapped = mapAliyunError(providerError(404, code), operation);
      expect(mapped).toMatchObject({ code: 'NOT_FOUND', detail: UPLOAD_NOT_FOUND });
    }
    // Codes guessed before the documents were read (Baidu's MediaNotFound among them) are errors like any other now.
    for (const guessed of ['InvalidMedia.NotFound', 'InvalidMediaId.NotFound', 'MediaNotFound']) {
      expect(mapAliyunError(providerError(404, guessed), REFRESH_UPLOAD_MEDIA).code).not.toBe('NOT_FOUND');
    }
    expect(
      mapAliyunError(providerError(400, 'InvalidVideo.Damaged', 'The video has been Damaged.'), REFRESH_UPLOAD_VIDEO).details.errors,
    ).toEqual([{ field: 'videoId', message: expect.any(String) }]);
  });

  it('maps timeouts to 504, network failures and unreadable answers to 503, credential failures to 503, odd answers to 502', () => {
    const timeout = Object.assign(new Error('ReadTimeout(300)'), { name: 'RequestTimeoutError' });
    expect(mapAliyunError(timeout, CREATE_UPLOAD_VIDEO)).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(mapAliyunError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), CREATE_UPLOAD_VIDEO)).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(mapAliyunError(new SyntaxError('Unexpected token <'), CREATE_UPLOAD_VIDEO)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(mapAliyunError(new CredentialsUnavailableError('none'), CREATE_UPLOAD_VIDEO)).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(mapAliyunError(new UnexpectedAnswerError('no VideoId'), CREATE_UPLOAD_VIDEO)).toMatchObject({ code: 'UPSTREAM_REJECTED' });
  });

  it('keeps the original error as the cause, for the log only', () => {
    const original = providerError(400, 'SignatureDoesNotMatch');
    const mapped = mapAliyunError(original, CREATE_UPLOAD_VIDEO);
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped.details.cause).toBe(original);
  });
});
