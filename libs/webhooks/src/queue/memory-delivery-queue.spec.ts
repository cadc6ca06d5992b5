import type { AttemptResult } from '../delivery/webhook-delivery';
import { createWebhookEvent, type WebhookEvent } from '../webhook-event';
import type { AttemptRunner } from './delivery-queue';
import { MemoryDeliveryQueue } from './memory-delivery-queue';

let uploads = 0;
const event = (): WebhookEvent =>
  createWebhookEvent('upload.created', {
    uploadId: `upl_${++uploads}`,
    userId: 'alice',
    provider: 'aliyun-vod',
    kind: 'aliyun-vod-image',
    status: 'issued',
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:00.000Z',
  });

describe(MemoryDeliveryQueue.name, () => {
  let now: number;
  let sut: MemoryDeliveryQueue;
  let attempts: { id: string; number: number; last: boolean }[];
  let answer: (number: number) => AttemptResult['verdict'];
  let settle: () => void;
  let settled: Promise<void>;
  const run: AttemptRunner = async (each, attempt) => {
    attempts.push({ id: each.id, number: attempt.number, last: attempt.last });
    const verdict = answer(attempt.number);
    if (verdict === 'done' || verdict === 'dead-letter') setImmediate(settle);
    return { verdict, reason: `HTTP 50${attempt.number}` };
  };
  /** A fresh `settled`, resolved when the next event is done or dead. */
  const nextSettle = (): void => {
    settled = new Promise((resolve) => (settle = resolve));
  };

  beforeEach(() => {
    now = 1_795_000_000_000;
    attempts = [];
    nextSettle();
    sut = new MemoryDeliveryQueue({ retryScheduleMs: [10, 20], deadLetterTtlSeconds: 60, concurrency: 2 }, () => now);
  });
  afterEach(() => sut.close());

  it('retries on the schedule, keeps a dead letter for its TTL, and redelivers it with a fresh schedule', async () => {
    answer = (number) => (number < 3 ? 'retry' : 'dead-letter');
    sut.start(run);
    const one = event();
    await sut.enqueue(one);
    await settled;
    expect(attempts).toEqual([
      { id: one.id, number: 1, last: false },
      { id: one.id, number: 2, last: false },
      { id: one.id, number: 3, last: true },
    ]);
    expect(await sut.deadLetters(10)).toEqual([
      { id: one.id, type: 'upload.created', queuedAt: one.queuedAt, failedAt: now, attempts: 3, reason: 'HTTP 503' },
    ]);
    expect(await sut.stats()).toEqual({ waiting: 0, delayed: 0, active: 0, deadLetters: 1, oldestPendingSince: undefined });

    answer = () => 'done';
    nextSettle();
    expect(await sut.redeliver(one.id)).toBe(true);
    await settled;
    expect(attempts.at(-1)).toEqual({ id: one.id, number: 1, last: false });
    expect(await sut.redeliver(one.id)).toBe(false);

    answer = () => 'dead-letter';
    nextSettle();
    await sut.enqueue(event());
    await settled;
    now += 61_000;
    expect(await sut.deadLetters(10)).toEqual([]);
  });

  it('holds events until started, reporting the oldest; redelivers every dead letter', async () => {
    const first = event();
    await sut.enqueue(first);
    await sut.enqueue(event());
    expect(await sut.stats()).toMatchObject({ waiting: 2, oldestPendingSince: first.queuedAt });

    answer = () => 'dead-letter';
    sut.start(run);
    await settled;
    await new Promise((resolve) => setImmediate(resolve));
    expect((await sut.stats()).deadLetters).toBe(2);
    answer = () => 'done';
    expect(await sut.redeliverAll()).toBe(2);
  });

  it('delivers an event published again while pending once', async () => {
    const one = event();
    await sut.enqueue(one);
    await sut.enqueue({ ...one, body: '{"again":true}' });
    answer = () => 'done';
    sut.start(run);
    await settled;
    expect(attempts).toEqual([{ id: one.id, number: 1, last: false }]);
  });

  it('on stop, lets a running attempt finish within the grace period, then cuts the rest', async () => {
    let cut = false;
    sut.start(
      (_each, _attempt, shutdown) =>
        new Promise((resolve) => {
          shutdown.addEventListener('abort', () => {
            cut = true;
            resolve({ verdict: 'interrupted', reason: 'cut by a shutdown' });
          });
        }),
    );
    await sut.enqueue(event());
    await sut.stop(30);
    expect(cut).toBe(true);
  });
});
