import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { Store } from '@app/store';
import { QUOTA_EXEMPT, uploadKindOf } from '../upload-kind';
import { DailyQuotas } from './daily-quotas';

/**
 * Daily credentials per user per kind. A unit is reserved atomically before the handler and given
 * back when it fails, so only credentials actually issued count, and concurrent requests cannot
 * overshoot the quota.
 */
@Injectable()
export class DailyQuotaInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: Store,
    private readonly quotas: DailyQuotas,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = uploadKindOf(this.reflector, context);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const unit = this.quotas.unit(kind, request.user!.id);
    if (unit === undefined) return next.handle();
    const exempt = this.reflector.get<((body: unknown) => boolean) | undefined>(QUOTA_EXEMPT, context.getHandler());
    if (exempt?.(request.body)) return next.handle();
    const { key } = unit;

    return from(this.store.reserveQuota(key, unit.limit, unit.ttlMs)).pipe(
      mergeMap((reservation) => {
        if (!reservation.allowed) throw this.quotas.exceeded(unit);
        return next
          .handle()
          .pipe(
            catchError((error: unknown) =>
              from(this.store.releaseQuota(key).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error))),
            ),
          );
      }),
    );
  }
}
