import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDto } from '@app/common';

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } });

/** The commit's own problems, whose meaning differs from the shared descriptions (ApiProblemResponses). */
export function ApiCommitProblems(): MethodDecorator {
  return applyDecorators(
    problem(409, 'Another commit of this upload is still running; see Retry-After.'),
    problem(410, 'The upload session expired (or Tencent no longer knows it); apply again.'),
    problem(422, 'Tencent Cloud VOD found nothing to commit: finish uploading the media (and cover) first.'),
  );
}
