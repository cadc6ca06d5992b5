import { applyDecorators } from '@nestjs/common';
import { ApiProblemResponses } from '@app/common';

/** The error answers of every VOD route; refresh adds 404. */
export const VodProblems = (...extra: number[]) => applyDecorators(ApiProblemResponses(400, 401, 403, ...extra, 413, 415, 429, 501, 502, 503, 504));
