import { problemExample, type ProblemExample } from '@app/common';
import { upstreamProblems, type UpstreamOperation } from '@app/upstream';
import { tencentErrors } from './tencent.errors';

const upstreamRequestId = 'b3a4c2f1-6d5e-4f3a-9b8c-7d6e5f4a3b2c';

/**
 * What a route calling this Tencent operation may answer because of Tencent: 502, 503 and 504, and
 * for CommitUpload the two answers about the upload itself (410, 422).
 */
export function tencentProblems(operation: UpstreamOperation): ProblemExample[] {
  const problems = upstreamProblems(operation, tencentErrors, {
    rejected: { kind: 'provider', upstreamCode: 'AuthFailure.SignatureFailure', upstreamRequestId },
    throttled: { kind: 'provider', upstreamCode: 'RequestLimitExceeded', upstreamRequestId },
    unavailable: { kind: 'provider', upstreamCode: 'InternalError', upstreamRequestId },
  });
  if (operation.action !== 'CommitUpload') return problems;
  const commitAnswer = (upstreamCode: string, summary: string, name?: string) =>
    problemExample(tencentErrors.toApiError({ kind: 'provider', upstreamCode, upstreamRequestId }, operation, undefined), summary, {
      name,
    });
  return [
    ...problems,
    commitAnswer(
      'InvalidParameterValue.VodSessionKey',
      'Tencent no longer knows the upload session (expired or already used).',
      'GONE_AT_TENCENT',
    ),
    commitAnswer('ResourceNotFound', 'Tencent found nothing to commit: the media (and cover) are not uploaded yet.'),
  ];
}
