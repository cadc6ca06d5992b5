import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiProblems } from '@app/common';
import type { RateLimitScope } from '@app/registry';
import { PROTECTION_PROBLEMS } from '../protection-problems';
import { RATE_LIMIT_SCOPE } from '../upload-kind';
import { RateLimitGuard } from './rate-limit.guard';

/** Per user and per client IP limits of `scope` on a route that is not an upload kind; after @Authenticated. */
export function RateLimited(scope: RateLimitScope): MethodDecorator {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_SCOPE, scope),
    UseGuards(RateLimitGuard),
    ApiProblems(PROTECTION_PROBLEMS.rateLimited(scope)),
  );
}
