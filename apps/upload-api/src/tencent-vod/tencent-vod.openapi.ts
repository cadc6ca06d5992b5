import { applyDecorators } from '@nestjs/common';
import { ApiProblemResponse } from '@app/common';

/** The commit's own problems, whose meaning differs from the shared descriptions (ApiProblemResponses). */
export function ApiCommitProblems(): MethodDecorator {
  return applyDecorators(
    ApiProblemResponse(409, 'Another commit of this upload is still running; see Retry-After.'),
    ApiProblemResponse(410, 'The upload session expired (or Tencent no longer knows it); apply again.'),
    ApiProblemResponse(422, 'Tencent Cloud VOD found nothing to commit: finish uploading the media (and cover) first.'),
  );
}
