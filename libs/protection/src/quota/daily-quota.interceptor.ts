import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { Store } from '@app/store';
import { ProtectionKeys } from '../protection-keys';
import { QUOTA_EXEMPT, uploadKindOf } from '../upload-kind';
import { utcDay } from './utc-day';

/** Margin past midnight so a counter never expires before its day ends on a slow clock. */
const EXPIRY_SLACK_MS = 60_000;

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
    private readonly config: ConfigService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = uploadKindOf(this.reflector, context);
    const limit = this.config.protection.dailyQuotas[kind];
    if (limit === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const exempt = this.reflector.get<((body: unknown) => boolean) | undefined>(QUOTA_EXEMPT, context.getHandler());
    if (exempt?.(request.body)) return next.handle();
    const userId = request.user!.id;
    const { day, msUntilReset } = utcDay(Date.now());
    const key = ProtectionKeys.quota(kind, userId, day);

    return from(this.store.reserveQuota(key, limit, msUntilReset + EXPIRY_SLACK_MS)).pipe(
      mergeMap((reservation) => {
        if (!reservation.allowed) {
          throw new ApiError(
            429,
            ErrorCode.QUOTA_EXCEEDED,
            `The daily quota of ${limit} ${kind} credentials is used up; it resets at 00:00 UTC.`,
            {
              retryAfterSeconds: msUntilReset / 1000,
            },
          );
        }
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
