import { applyDecorators, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Authenticated } from '@app/auth';
import { ApiProblemResponse } from '@app/common';
import { uploadKind, type UploadKind } from '@app/registry';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { ProviderOfferedGuard } from './provider-offered.guard';
import { DailyQuotaInterceptor } from './quota/daily-quota.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { QUOTA_EXEMPT, UPLOAD_KIND } from './upload-kind';

/** A problem the route adds to the shared ones: a status with the shared description, or with its own. */
export type RouteProblem = number | [status: number, description: string];

export interface ProtectedUploadOptions {
  /** Accept an Idempotency-Key (create routes). */
  idempotent?: boolean;
  /** Problems only this route answers (404 for an id it does not know...). */
  problems?: RouteProblem[];
  /** A request this answers true for (by its parsed, not yet validated body) spends no daily-quota unit. */
  quotaExempt?: (body: unknown) => boolean;
}

/** Every upload route may answer these: a bad body, one too large or not JSON, limits, 501, a store outage. */
const SHARED_PROBLEMS = [400, 413, 415, 429, 501, 503];
const IDEMPOTENCY_PROBLEMS = [409, 422];
/** A route that calls the provider: it may refuse (502), be unavailable or throttle (503), or not answer (504). */
const UPSTREAM_PROBLEMS = [502, 503, 504];

/**
 * Everything an upload route needs before its handler, declared once, in this order: bearer
 * authentication with the kind's permission (401/403), the kind's rate limits (429), whether the
 * deployment offers the kind's product (501), an Idempotency-Key on create routes, and the daily
 * quota of kinds that issue credentials; with their OpenAPI documentation, each status once.
 * Body validation comes after all of them.
 */
export function ProtectedUpload(kind: UploadKind, options: ProtectedUploadOptions = {}): MethodDecorator {
  const spec = uploadKind(kind);
  const interceptors = [];
  if (options.idempotent) interceptors.push(IdempotencyInterceptor);
  if (spec.quota !== undefined) interceptors.push(DailyQuotaInterceptor);

  const problems = new Map<number, string | undefined>();
  const statuses = [
    ...SHARED_PROBLEMS,
    ...(options.idempotent ? IDEMPOTENCY_PROBLEMS : []),
    ...(spec.callsUpstream ? UPSTREAM_PROBLEMS : []),
  ];
  for (const status of statuses) problems.set(status, undefined);
  for (const problem of options.problems ?? []) {
    const [status, description] = typeof problem === 'number' ? [problem, undefined] : problem;
    problems.set(status, description);
  }

  const decorators = [
    SetMetadata(UPLOAD_KIND, kind),
    ...(options.quotaExempt ? [SetMetadata(QUOTA_EXEMPT, options.quotaExempt)] : []),
    Authenticated(spec.permission),
    UseGuards(RateLimitGuard, ProviderOfferedGuard),
    ...[...problems].sort(([a], [b]) => a - b).map(([status, description]) => ApiProblemResponse(status, description)),
  ];
  if (interceptors.length > 0) decorators.push(UseInterceptors(...interceptors));
  if (options.idempotent) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description:
          'Makes a retry safe: the same key with the same body within the credential lifetime returns the first response ' +
          '(with `Idempotent-Replayed: true`) instead of issuing a new upload.',
        schema: { type: 'string', minLength: 1, maxLength: 255, example: '8e03978e-40d5-43e8-bc93-6894a57f9324' },
      }),
    );
  }
  return applyDecorators(...decorators);
}
