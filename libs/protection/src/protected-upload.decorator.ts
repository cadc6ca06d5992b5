import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Authenticated } from '@app/auth';
import { ApiProblems, BODY_PROBLEMS, GateRoute, type ProblemExample } from '@app/common';
import type { KindSpec } from '@app/registry';
import { STORE_UNAVAILABLE_PROBLEM } from '@app/store';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { PROTECTION_PROBLEMS } from './protection-problems';
import { UPLOAD_KIND } from './upload-kind';

export interface ProtectedUploadOptions {
  /** Accept an Idempotency-Key (create routes). */
  idempotent?: boolean;
  /** The 400 VALIDATION_FAILED of the route's body, for a request that provokes it (validationProblem). */
  invalid?: ProblemExample;
  /** What the provider's failures answer on this route (its client's problems): required when the kind calls upstream. */
  upstream?: ProblemExample[];
  /** Answers only this route gives (404 for an id it does not know...). */
  problems?: ProblemExample[];
  /** A request this answers true for (by its parsed, not yet validated body) spends no daily-quota unit. */
  quotaExempt?: (body: unknown) => boolean;
  /** The route acts on an upload the user has (a refresh, a commit): served by the upload's region. */
  existingUpload?: boolean;
  /** The body may name an upload the user has: the handler, not the gate, judges the user's region (GateSpec.uploadInBody). */
  uploadInBody?: boolean;
}

/** Every answer the protection of a kind gives, by the kind's spec and the route's options. */
function protectionProblems(spec: KindSpec, options: ProtectedUploadOptions): ProblemExample[] {
  const kind = spec.id;
  if (spec.callsUpstream !== (options.upstream !== undefined)) {
    throw new Error(`the route of ${kind} must declare its upstream problems if and only if the kind calls upstream`);
  }
  return [
    BODY_PROBLEMS.malformedJson,
    ...(options.invalid ? [options.invalid] : []),
    BODY_PROBLEMS.payloadTooLarge,
    BODY_PROBLEMS.unsupportedMediaType,
    PROTECTION_PROBLEMS.rateLimited(kind),
    ...(spec.quota !== undefined ? [PROTECTION_PROBLEMS.quotaExceeded(kind, spec.quota)] : []),
    ...(options.idempotent ? [PROTECTION_PROBLEMS.idempotencyInFlight, PROTECTION_PROBLEMS.idempotencyKeyReused] : []),
    PROTECTION_PROBLEMS.notOffered(spec.product.name),
    PROTECTION_PROBLEMS.regionNotAllowed,
    STORE_UNAVAILABLE_PROBLEM,
    ...(options.upstream ?? []),
    ...(options.problems ?? []),
  ];
}

/**
 * Everything an upload route needs before its handler, declared once, in this order: bearer
 * authentication with the kind's permission (401/403), the kind's rate limits (429), whether the
 * deployment offers the kind's product (501) and, with region profiles, in the user's region (403), an
 * Idempotency-Key on create routes, and the daily quota of kinds that issue credentials; with their
 * OpenAPI documentation, every answer a named example of its status. Body validation comes after all of them.
 */
export function ProtectedUpload(spec: KindSpec, options: ProtectedUploadOptions = {}): MethodDecorator {
  const interceptors = [];
  if (options.idempotent) interceptors.push(IdempotencyInterceptor);

  const decorators = [
    SetMetadata(UPLOAD_KIND, spec.id),
    Authenticated(spec.permission),
    GateRoute({ rateLimit: spec.id, offered: spec.product.id, existingUpload: options.existingUpload, uploadInBody: options.uploadInBody }),
    ApiProblems(...protectionProblems(spec, options)),
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
