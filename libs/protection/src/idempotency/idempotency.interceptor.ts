import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor, type OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { catchError, from, mergeMap, type Observable, of } from 'rxjs';
import { ApiError, claimWithRecord, ErrorCode, type RecordClaim } from '@app/common';
import { ConfigService } from '@app/config';
import { type UploadKind } from '@app/registry';
import { ClaimTakenError, SealedRecords } from '@app/store';
import { ProtectionMetrics } from '../metrics/protection-metrics';
import { ProtectionKeys } from '../protection-keys';
import { uploadKindOf } from '../upload-kind';
import { requestFingerprint } from './fingerprint';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './idempotency-key';

type IdempotencyRecord = { state: 'in-flight'; fingerprint: string } | { state: 'done'; fingerprint: string; body: unknown };

/** The key's claim (written with the upload record: RecordClaim), and when it was asked for. */
type HeldClaim = RecordClaim & { readonly claimedAt: number };

/** The answer of an earlier request with the same key and body, given again as it was. */
class Replay {
  constructor(readonly body: unknown) {}
}

/** Pauses between the late writes of an answer the store refused (a failover, a restart): then every 2 s. */
const LATE_WRITE_PAUSES_MS = [250, 500, 1_000, 2_000];

/**
 * Idempotency-Key on create routes, scoped to (user, kind, key). The first request claims the key,
 * in the same atomic store step as its upload record (no extra round trip: `claimWithRecord`, taken up
 * by UploadRecords.issue, before the quota unit is counted); its response is stored sealed and replayed
 * (Idempotent-Replayed: true) until the credential expires minus a margin. Same key, other body: 422.
 * Same key while the first runs: 409. A failed first request releases the key. Once a credential exists
 * the claim is never released: an answer the store refused is written again in the background while the
 * claim holds, so a retry meets 409 and then the replay, never a second upload. A request refused before
 * its record (its body, a policy) claims nothing.
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
    const inFlight: IdempotencyRecord = { state: 'in-flight', fingerprint };
    // Replicated with the record (REDIS_WAIT_REPLICAS) before the provider is called: a claim the failover
    // lost would let a retry of the same key create a second upload.
    const claim: HeldClaim = {
      key: storeKey,
      value: this.records.seal(storeKey, inFlight),
      ttlMs: this.config.protection.idempotency.lockTtlSeconds * 1000,
      claimed: false,
      claimedAt: Date.now(),
    };
    claimWithRecord(claim);
    request.idempotencyKey = key;

    return next.handle().pipe(
      catchError((error: unknown) => from(this.refused(claim, fingerprint, kind, context, error))),
      mergeMap((answer) => {
        if (answer instanceof Replay) return of(answer.body);
        if (!claim.claimed)
          throw new Error('An idempotent route answered without an upload record, so its Idempotency-Key was never claimed.');
        return from(this.complete(claim, fingerprint, answer));
      }),
    );
  }

  /** The handler refused: the key was taken (a replay, 409, 422), or it failed, so a retry may try again. */
  private async refused(
    claim: RecordClaim,
    fingerprint: string,
    kind: UploadKind,
    context: ExecutionContext,
    error: unknown,
  ): Promise<Replay> {
    if (error instanceof ClaimTakenError && error.key === claim.key) {
      const earlier = this.records.open<IdempotencyRecord>(claim.key, error.value);
      if (earlier !== undefined && earlier.fingerprint !== fingerprint) throw keyReusedError();
      // Unreadable (sealed under a retired key): as a request in flight, until the key expires.
      if (earlier === undefined || earlier.state === 'in-flight') throw inFlightError();
      this.metrics.replays.inc({ kind });
      context.switchToHttp().getResponse<FastifyReply>().header('idempotent-replayed', 'true');
      return new Replay(earlier.body);
    }
    // No credential was handed out: free the key.
    if (claim.claimed) await this.records.deleteIfEquals(claim.key, claim.value).catch(() => false);
    throw error;
  }

  /** Keeps the response for replays while its credential is still good for a while; else frees the key. */
  private async complete(claim: HeldClaim, fingerprint: string, body: unknown): Promise<unknown> {
    const stated = (body as { expiresAt?: unknown } | undefined)?.expiresAt;
    const expiresAt = typeof stated === 'string' ? Date.parse(stated) : Number.NaN;
    const replayableUntil = expiresAt - this.config.protection.idempotency.replayMarginSeconds * 1000;
    const answer = this.records.seal(claim.key, { state: 'done', fingerprint, body } satisfies IdempotencyRecord);
    try {
      if (replayableUntil - Date.now() >= 1000) await this.store(claim, answer, replayableUntil);
      else await this.records.deleteIfEquals(claim.key, claim.value);
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
    if (await records.swap(claim.key, claim.value, answer, ttlMs)) return true;
    return records.swap(claim.key, answer, answer, ttlMs);
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

function keyReusedError(): ApiError {
  return new ApiError(422, ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request; use a new key.');
}

function inFlightError(): ApiError {
  return new ApiError(409, ErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress.', {
    retryAfterSeconds: 1,
  });
}
