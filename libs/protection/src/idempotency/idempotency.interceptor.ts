import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { ApiError, ErrorCode } from '@app/common';
import { ConfigService } from '@app/config';
import { type UploadKind } from '@app/registry';
import { SealedRecords } from '@app/store';
import { ProtectionMetrics } from '../metrics/protection-metrics';
import { ProtectionKeys } from '../protection-keys';
import { uploadKindOf } from '../upload-kind';
import { requestFingerprint } from './fingerprint';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './idempotency-key';

type IdempotencyRecord = { state: 'in-flight'; fingerprint: string } | { state: 'done'; fingerprint: string; body: unknown };

type Claim = { replay: false; storeKey: string; envelope: string } | { replay: true; body: unknown };

/**
 * Idempotency-Key on create routes, scoped to (user, kind, key). The first request claims the key;
 * its response is stored sealed and replayed (Idempotent-Replayed: true) until the credential
 * expires minus a margin. Same key, other body: 422. Same key while the first runs: 409. A failed
 * first request releases the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly records: SealedRecords,
    private readonly config: ConfigService,
    private readonly metrics: ProtectionMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return next.handle();
    const kind = uploadKindOf(this.reflector, context);
    const key = parseIdempotencyKey(raw);
    const storeKey = ProtectionKeys.idempotency(kind, request.user!.id, key);
    const fingerprint = requestFingerprint(request);

    return from(this.claim(storeKey, fingerprint, kind)).pipe(
      mergeMap((claim) => {
        if (claim.replay) {
          context.switchToHttp().getResponse<FastifyReply>().header('idempotent-replayed', 'true');
          return of(claim.body);
        }
        request.idempotencyKey = key;
        return next.handle().pipe(
          mergeMap((body) => from(this.complete(claim, fingerprint, body))),
          catchError((error: unknown) =>
            from(this.records.deleteIfEquals(claim.storeKey, claim.envelope).catch(() => false)).pipe(
              mergeMap(() => throwError(() => error)),
            ),
          ),
        );
      }),
    );
  }

  private async claim(storeKey: string, fingerprint: string, kind: UploadKind): Promise<Claim> {
    const lockMs = this.config.protection.idempotency.lockTtlSeconds * 1000;
    const inFlight: IdempotencyRecord = { state: 'in-flight', fingerprint };
    // Twice: the earlier record may expire between our failed claim and our read.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      // Replicated before the provider is called (REDIS_WAIT_REPLICAS): a claim the failover lost would
      // let a retry of the same key create a second upload.
      const envelope = await this.records.replicated.setIfAbsent(storeKey, inFlight, lockMs);
      if (envelope) return { replay: false, storeKey, envelope };
      const existing = await this.records.get<IdempotencyRecord>(storeKey);
      if (!existing) continue;
      if (existing.fingerprint !== fingerprint) {
        throw new ApiError(422, ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request; use a new key.');
      }
      if (existing.state === 'in-flight') {
        throw new ApiError(409, ErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress.', {
          retryAfterSeconds: 1,
        });
      }
      this.metrics.replays.inc({ kind });
      return { replay: true, body: existing.body };
    }
    throw new ApiError(409, ErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress.', {
      retryAfterSeconds: 1,
    });
  }

  /** Keeps the response for replays while its credential is still good for a while; else frees the key. */
  private async complete(claim: Extract<Claim, { replay: false }>, fingerprint: string, body: unknown): Promise<unknown> {
    const stated = (body as { expiresAt?: unknown } | undefined)?.expiresAt;
    const expiresAt = typeof stated === 'string' ? Date.parse(stated) : Number.NaN;
    const ttlMs = expiresAt - Date.now() - this.config.protection.idempotency.replayMarginSeconds * 1000;
    try {
      if (ttlMs >= 1000) {
        await this.records.replicated.set(claim.storeKey, { state: 'done', fingerprint, body } satisfies IdempotencyRecord, ttlMs);
      } else await this.records.deleteIfEquals(claim.storeKey, claim.envelope);
    } catch (error) {
      // With REDIS_WAIT_REPLICAS the operator chose durability: an answer no replica holds is not given
      // (503); a retry replays it if the master kept it. Otherwise the credential was issued: hand it
      // out, and a retry meets the lock until it expires.
      if (this.records.waitsForReplicas) throw error;
      this.logger.warn({ msg: 'could not store the idempotent response', code: (error as ApiError).code });
    }
    return body;
  }
}
