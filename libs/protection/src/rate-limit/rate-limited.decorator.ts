import { applyDecorators } from '@nestjs/common';
import { ApiProblems, GateRoute } from '@app/common';
import type { RateLimitScope } from '@app/registry';
import { PROTECTION_PROBLEMS } from '../protection-problems';

/** Per user and per client IP limits of `scope` on a route that is not an upload kind, with @Authenticated (the gate checks both). */
export function RateLimited(scope: RateLimitScope): MethodDecorator {
  return applyDecorators(GateRoute({ rateLimit: scope }), ApiProblems(PROTECTION_PROBLEMS.rateLimited(scope)));
}
