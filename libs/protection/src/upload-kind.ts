import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import type { RateLimitScope, UploadKind } from '@app/registry';

export const UPLOAD_KIND = 'protection:upload-kind';

export function uploadKindOf(reflector: Reflector, context: ExecutionContext): UploadKind {
  const kind = reflector.get<UploadKind | undefined>(UPLOAD_KIND, context.getHandler());
  if (!kind) throw new Error(`${context.getClass().name}.${context.getHandler().name} is protected but declares no upload kind`);
  return kind;
}

export const RATE_LIMIT_SCOPE = 'protection:rate-limit-scope';

/** The scope a route is rate-limited under: its upload kind, or the scope it declares with @RateLimited. */
export function rateLimitScopeOf(reflector: Reflector, context: ExecutionContext): RateLimitScope {
  const scope = reflector.get<RateLimitScope | undefined>(RATE_LIMIT_SCOPE, context.getHandler());
  return scope ?? uploadKindOf(reflector, context);
}

export const QUOTA_EXEMPT = 'protection:quota-exempt';
