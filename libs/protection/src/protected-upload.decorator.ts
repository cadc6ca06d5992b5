import { applyDecorators, type CanActivate, SetMetadata, type Type, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Authenticated } from '@app/auth';
import { ApiProblemResponses } from '@app/common';
import { UPLOAD_KINDS, type UploadKind } from '@app/config';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { DailyQuotaInterceptor } from './quota/daily-quota.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { UPLOAD_KIND } from './upload-kind';

export interface ProtectedUploadOptions {
  /** Per-kind permission, checked when AUTH_PERMISSIONS_ENABLED=true. */
  permission: string;
  /** Accept an Idempotency-Key (create routes). */
  idempotent?: boolean;
  /** Whether the deployment offers the provider (501 otherwise); runs after authentication and the rate limit. */
  available?: Type<CanActivate>;
}

/**
 * Everything an upload route needs before its handler, declared once, in this order: bearer
 * authentication (401/403), the kind's rate limits (429), whether the provider is offered here (501),
 * an Idempotency-Key on create routes, and the daily quota of kinds that issue credentials; with
 * their OpenAPI documentation. Body validation comes after all of them.
 */
export function ProtectedUpload(kind: UploadKind, options: ProtectedUploadOptions): MethodDecorator {
  const interceptors = [];
  if (options.idempotent) interceptors.push(IdempotencyInterceptor);
  if (UPLOAD_KINDS[kind].quota !== undefined) interceptors.push(DailyQuotaInterceptor);
  const decorators = [
    SetMetadata(UPLOAD_KIND, kind),
    Authenticated(options.permission),
    UseGuards(RateLimitGuard, ...(options.available ? [options.available] : [])),
    ApiProblemResponses(429, 503, ...(options.available ? [501] : [])),
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
      ApiProblemResponses(409, 422),
    );
  }
  return applyDecorators(...decorators);
}
