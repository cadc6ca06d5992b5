import { eventually, ScriptedRunner, testEvent } from '../testing/delivery-queue-test-helpers';
import { MemoryDeliveryQueue } from './memory-delivery-queue';

/** What the contract cannot pin down on Redis: exact times under a clock we control. */
describe(MemoryDeliveryQueue.name, () => {
  let now: number;
  let sut: MemoryDeliveryQueue;

  beforeEach(() => {
    now = 1_795_000_000_000;
    sut = new MemoryDeliveryQueue({ retryScheduleMs: [10, 20], deadLetterTtlSeconds: 60, concurrency: 2 }, () => now);
  });
  afterEach(() => sut.close());

  it('stamps a dead letter with its clock and forgets it exactly at the TTL, in the count too', async () => {
    sut.start(new ScriptedRunner(() => 'dead-letter').run);
    const one = testEvent();
    await sut.enqueue(one);
    await eventually(async () => expect(await sut.deadLetters(10)).toHaveLength(1));
    expect(await sut.deadLetters(10)).toEqual([
      { id: one.id, type: 'upload.completed', queuedAt: one.queuedAt, failedAt: now, attempts: 1, reason: 'HTTP 501' },
    ]);

    now += 59_999;
    expect((await sut.stats()).deadLetters).toBe(1);
    now += 1;
    expect((await sut.stats()).deadLetters).toBe(0);
    expect(await sut.deadLetters(10)).toEqual([]);
  });

  it('reports a redelivered event as pending since the redelivery', async () => {
    sut.start(new ScriptedRunner(() => 'dead-letter').run);
    const one = testEvent();
    await sut.enqueue(one);
    await eventually(async () => expect(await sut.deadLetters(10)).toHaveLength(1));
    await sut.stop(0);

    now += 5_000;
    expect(await sut.redeliver(one.id)).toBe(true);
    expect(await sut.stats()).toEqual({ waiting: 1, delayed: 0, active: 0, deadLetters: 0, oldestPendingSince: now });
  });
});
