import type { ProblemExample } from '@app/common';
import { upstreamProblems } from '@app/upstream';
import { aliyunErrors } from './aliyun.errors';

const requestId = '25818875-5F78-4AF6-04D5-D7393642CA58';

/** What a route calling this Alibaba operation may answer because of Alibaba (502, 503, 504), from Alibaba's own codes. */
export function aliyunProblems(operation: Parameters<typeof aliyunErrors.toApiError>[1]): ProblemExample[] {
  return upstreamProblems(operation, aliyunErrors, {
    rejected: { kind: 'provider', upstreamCode: 'SignatureDoesNotMatch', upstreamHttpStatus: 400, upstreamRequestId: requestId },
    throttled: { kind: 'provider', upstreamCode: 'Throttling.User', upstreamHttpStatus: 400, upstreamRequestId: requestId },
    unavailable: { kind: 'provider', upstreamCode: 'ServiceUnavailable', upstreamHttpStatus: 503, upstreamRequestId: requestId },
  });
}
