import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { asyncLocalStorage } from '@fastify/request-context';
import { firstValueFrom, from } from 'rxjs';
import { ApiError, pendingRecordClaim } from '@app/common';
import type { ConfigService } from '@app/config';
import { ClaimTakenError, MemoryStore, storeUnavailable } from '@app/store';
import { testSealedRecords } from '@app/testing';
import type { ProtectionMetrics } from '../metrics/protection-metrics';
import { ProtectionKeys } from '../protection-keys';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A store that waits for replicas and refuses the next `refusals` compare-and-sets, as during a failover. */
class FailingOverStore extends MemoryStore {
  refusals = 0;
  private replaced!: () => void;
  /** Settles once a compare-and-set goes through (the late write of an answer). */
  readonly swapped = new Promise<void>((resolve) => (this.replaced = resolve));

  override get waitsForReplicas(): boolean {
    return true;
  }

  override async replaceIfEquals(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.refusals > 0) {
      this.refusals -= 1;
      throw storeUnavailable(new Error('WAIT: no replica'));
    }
    const written = await super.replaceIfEquals(key, expected, value, ttlMs);
    if (written) this.replaced();
    return written;
  }
}

const CONFIG = { protection: { idempotency: { lockTtlSeconds: 60, replayMarginSeconds: 60 } } } as unknown as ConfigService;

describe(IdempotencyInterceptor.name, () => {
  let store: FailingOverStore;
  let sut: IdempotencyInterceptor;
  let creates: number;

  beforeEach(() => {
    store = new FailingOverStore('idem:');
    const reflector = { get: () => 'aliyun-vod-video' } as unknown as Reflector;
    const metrics = { replays: { inc: () => undefined } } as unknown as ProtectionMetrics;
    sut = new IdempotencyInterceptor(reflector, testSealedRecords(store), CONFIG, metrics);
    creates = 0;
  });
  afterEach(async () => {
    sut.onModuleDestroy();
    await store.close();
  });

  const expiresAt = () => new Date(Date.now() + 3_600_000).toISOString();
  /** One create with key `key`: the handler creates an upload (counted) unless `fails`. */
  const create = (key: string, fails?: ApiError, body: object = { title: 'a' }, pause?: Promise<void>) => {
    const headers: Record<string, string> = {};
    const request = { headers: { 'idempotency-key': key }, user: { id: 'alice' }, params: {}, body, routeOptions: {} };
    const context = {
      switchToHttp: () => ({
        getRequest: () => request,
        getResponse: () => ({ header: (name: string, value: string) => (headers[name] = value) }),
      }),
      getHandler: () => create,
      getClass: () => IdempotencyInterceptor,
    } as unknown as ExecutionContext;
    // What UploadRecords.issue does with the request's claim: written with the record, or taken.
    const handler = async () => {
      const claim = pendingRecordClaim()!;
      const claimed = await store.claim({ entries: [{ key: `record-${randomUUID()}`, value: 'sealed', ttlMs: 60_000 }, claim] });
      if (claimed.outcome === 'taken') throw new ClaimTakenError(claimed.key, claimed.value);
      claim.claimed = true;
      await pause;
      if (fails) throw fails;
      creates += 1;
      return { uploadId: `up-${creates}`, expiresAt: expiresAt() };
    };
    const next: CallHandler = { handle: () => from(handler()) };
    // As Fastify's request context (entered for every request) carries the claim from the interceptor to the records.
    // The package types the store as its accessor object; at run time it is the plain object of values.
    return asyncLocalStorage.run({} as never, () =>
      firstValueFrom(sut.intercept(context, next)).then(
        (body) => ({ status: 201, body, replayed: headers['idempotent-replayed'] === 'true' }),
        (error: ApiError) => ({ status: error.getStatus(), code: error.code }),
      ),
    );
  };

  it('replays the first answer and creates once', async () => {
    const first = await create('k1');
    expect(await create('k1')).toEqual({ ...first, replayed: true });
    expect(creates).toBe(1);
  });

  it('frees the key when the handler fails, so a retry creates', async () => {
    expect(await create('k1', new ApiError(502, 'UPSTREAM_UNAVAILABLE', 'down'))).toMatchObject({ status: 502 });
    expect(await create('k1')).toMatchObject({ status: 201, replayed: false });
    expect(creates).toBe(1);
  });

  it('answers 422 to the same key with another body, and 409 while the first is in flight', async () => {
    await create('k1');
    expect(await create('k1', undefined, { title: 'b' })).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    let release!: () => void;
    const first = create('k2', undefined, undefined, new Promise<void>((resolve) => (release = resolve)));
    while ((await store.get(ProtectionKeys.idempotency('aliyun-vod-video', 'alice', 'k2'))) === null) await new Promise(setImmediate);
    expect(await create('k2')).toMatchObject({ status: 409, code: 'IDEMPOTENCY_IN_FLIGHT' });
    expect(await create('k2', undefined, { title: 'b' })).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    release();
    expect(await first).toMatchObject({ status: 201, replayed: false });
    expect(await create('k2')).toMatchObject({ status: 201, replayed: true });
    expect(creates).toBe(2);
  });

  it('keeps the claim of an answer the store refused (503) and stores it late: 409, then the replay, never a second create', async () => {
    store.refusals = 3;
    expect(await create('k1')).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    // Refused again while the store is still failing over: the claim holds.
    const retries: Awaited<ReturnType<typeof create>>[] = [await create('k1')];
    // The late write lands on its third try, about 1.75 s after the 503; then the retry replays.
    await store.swapped;
    retries.push(await create('k1'));
    expect(retries.at(-1)).toMatchObject({ status: 201, replayed: true, body: { uploadId: 'up-1' } });
    expect(retries[0]).toMatchObject({ status: 409, code: 'IDEMPOTENCY_IN_FLIGHT' });
    expect(creates).toBe(1);
  });
});
