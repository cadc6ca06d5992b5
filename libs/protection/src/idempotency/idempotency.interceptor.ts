import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor, type OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
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

type Claim = { replay: false; storeKey: string; envelope: string; claimedAt: number } | { replay: true; body: unknown };
type HeldClaim = Extract<Claim, { replay: false }>;

/** Pauses between the late writes of an answer the store refused (a failover, a restart): then every 2 s. */
const LATE_WRITE_PAUSES_MS = [250, 500, 1_000, 2_000];

/**
 * Idempotency-Key on create routes, scoped to (user, kind, key). The first request claims the key;
 * its response is stored sealed and replayed (Idempotent-Replayed: true) until the credential
 * expires minus a margin. Same key, other body: 422. Same key while the first runs: 409. A failed
 * first request releases the key. Once a credential exists the claim is never released: an answer
 * the store refused is written again in the background while the claim holds, so a retry meets
 * 409 and then the replay, never a second upload.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly stopping = new AbortController();

  constructor(
    private readonly reflector: Reflector,
    private readonly records: SealedRecords,
    private readonly config: ConfigService,
    private readonly metrics: ProtectionMetrics,
  ) {}

  onModuleDestroy(): void {
    this.stopping.abort();
  }

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
          // The handler failed: no credential was handed out, so a retry may try again.
          catchError((error: unknown) =>
            from(this.records.deleteIfEquals(claim.storeKey, claim.envelope).catch(() => false)).pipe(
              mergeMap(() => throwError(() => error)),
            ),
          ),
          mergeMap((body) => from(this.complete(claim, fingerprint, body))),
        );
      }),
    );
  }

  private async claim(storeKey: string, fingerprint: string, kind: UploadKind): Promise<Claim> {
    const lockMs = this.config.protection.idempotency.lockTtlSeconds * 1000;
    const inFlight: IdempotencyRecord = { state: 'in-flight', fingerprint };
    // Twice: the earlier record may expire between our failed claim and our read.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const claimedAt = Date.now();
      // Replicated before the provider is called (REDIS_WAIT_REPLICAS): a claim the failover lost would
      // let a retry of the same key create a second upload.
      const envelope = await this.records.replicated.setIfAbsent(storeKey, inFlight, lockMs);
      if (envelope) return { replay: false, storeKey, envelope, claimedAt };
      const existing = await this.records.get<IdempotencyRecord>(storeKey);
      if (!existing) continue;
      if (existing.fingerprint !== fingerprint) {
        throw new ApiError(422, ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request; use a new key.');
      }
      if (existing.state === 'in-flight') throw inFlightError();
      this.metrics.replays.inc({ kind });
      return { replay: true, body: existing.body };
    }
    throw inFlightError();
  }

  /** Keeps the response for replays while its credential is still good for a while; else frees the key. */
  private async complete(claim: HeldClaim, fingerprint: string, body: unknown): Promise<unknown> {
    const stated = (body as { expiresAt?: unknown } | undefined)?.expiresAt;
    const expiresAt = typeof stated === 'string' ? Date.parse(stated) : Number.NaN;
    const replayableUntil = expiresAt - this.config.protection.idempotency.replayMarginSeconds * 1000;
    const answer = this.records.seal(claim.storeKey, { state: 'done', fingerprint, body } satisfies IdempotencyRecord);
    try {
      if (replayableUntil - Date.now() >= 1000) await this.store(claim, answer, replayableUntil);
      else await this.records.deleteIfEquals(claim.storeKey, claim.envelope);
    } catch (error) {
      if (replayableUntil - Date.now() >= 1000) void this.storeLate(claim, answer, replayableUntil);
      // With REDIS_WAIT_REPLICAS the operator chose durability: an answer no replica holds is not given
      // (503); a retry meets the claim (409) and then the answer, once written. Otherwise the credential
      // was issued: hand it out.
      if (this.records.waitsForReplicas) throw error;
      this.logger.warn({ msg: 'could not store the idempotent response', code: (error as ApiError).code });
    }
    return body;
  }

  /**
   * The answer in place of our claim, replicated: true once it is there, false when the key holds neither
   * (the claim expired, and the key is someone else's now). A write the master took but no replica
   * confirmed is confirmed by writing it over itself.
   */
  private async store(claim: HeldClaim, answer: string, replayableUntil: number): Promise<boolean> {
    const records = this.records.replicated;
    const ttlMs = replayableUntil - Date.now();
    if (await records.swap(claim.storeKey, claim.envelope, answer, ttlMs)) return true;
    return records.swap(claim.storeKey, answer, answer, ttlMs);
  }

  /** Writes the answer again until it lands, while our claim can still be in the store; a retry meets 409 meanwhile. */
  private async storeLate(claim: HeldClaim, answer: string, replayableUntil: number): Promise<void> {
    const claimEnds = claim.claimedAt + this.config.protection.idempotency.lockTtlSeconds * 1000;
    const signal = this.stopping.signal;
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      await sleep(LATE_WRITE_PAUSES_MS[Math.min(attempt, LATE_WRITE_PAUSES_MS.length - 1)], undefined, { signal, ref: false }).catch(
        () => undefined,
      );
      if (signal.aborted || Date.now() >= Math.min(claimEnds, replayableUntil - 1000)) return;
      try {
        const stored = await this.store(claim, answer, replayableUntil);
        this.logger.log({ msg: stored ? 'stored an idempotent response late' : 'an idempotent response came too late to store' });
        return;
      } catch {
        // Still refused: try again after the next pause.
      }
    }
  }
}

function inFlightError(): ApiError {
  return new ApiError(409, ErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress.', {
    retryAfterSeconds: 1,
  });
}
