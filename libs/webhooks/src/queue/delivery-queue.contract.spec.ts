import { randomBytes } from 'node:crypto';
import type { RedisConfig } from '@app/config';
import { type RedisServer, startRedisServer } from '@app/testing';
import type { QueueStats } from '../metrics/webhook-metrics';
import { eventually, failing, HeldAttempts, ScriptedRunner, testCipher, testEvent } from '../testing/delivery-queue-test-helpers';
import type { DeliveryQueue, QueueSettings } from './delivery-queue';
import { MemoryDeliveryQueue } from './memory-delivery-queue';
import { RedisDeliveryQueue } from './redis-delivery-queue';

/**
 * One contract, two implementations: what the dispatcher, the publisher and the CLI rely on. Every
 * wait is for a condition; delays are asserted only from below, which holds on a busy machine. The
 * dead-letter TTL is the one place time itself is waited for: the memory queue's clock jumps,
 * Redis (which BullMQ stamps with the real time) is waited out with a one-second TTL.
 */
interface Subject {
  /** A new, empty queue (on Redis, under its own key prefix); closed after the case. */
  open(settings?: Partial<QueueSettings>): Promise<DeliveryQueue>;
  /** Lets `ms` pass for the dead-letter TTL of this case's queues. */
  elapse(ms: number): Promise<void>;
  /** Closes this case's queues. */
  closeAll(): Promise<void>;
  dispose(): Promise<void>;
}

jest.setTimeout(20_000);

const SETTINGS: QueueSettings = { retryScheduleMs: [20, 40], deadLetterTtlSeconds: 3_600, concurrency: 4 };
const IDLE: QueueStats = { waiting: 0, delayed: 0, active: 0, deadLetters: 0, oldestPendingSince: undefined };

async function memorySubject(): Promise<Subject> {
  let offset = 0;
  const queues: DeliveryQueue[] = [];
  return {
    open: async (settings) => {
      const queue = new MemoryDeliveryQueue({ ...SETTINGS, ...settings }, () => Date.now() + offset);
      queues.push(queue);
      return queue;
    },
    elapse: async (ms) => {
      offset += ms;
    },
    closeAll: async () => {
      await Promise.all(queues.splice(0).map((queue) => queue.close()));
      offset = 0;
    },
    dispose: async () => undefined,
  };
}

async function redisSubject(): Promise<Subject> {
  const server: RedisServer = await startRedisServer();
  const queues: DeliveryQueue[] = [];
  return {
    open: async (settings) => {
      const redis: RedisConfig = {
        mode: 'standalone',
        url: server.url,
        keyPrefix: `q${randomBytes(4).toString('hex')}:`,
        // Generous, for a busy machine; a lock that outlives a stalled event loop, so no attempt is taken over.
        commandTimeoutMs: 2_000,
        connectTimeoutMs: 2_000,
        tls: false,
      };
      const queue = new RedisDeliveryQueue(redis, { ...SETTINGS, stalledRecoveryMs: 10_000, ...settings }, testCipher());
      queues.push(queue);
      if (!(await queue.waitUntilReady(5_000))) throw new Error('the throwaway redis-server did not accept the queue');
      return queue;
    },
    elapse: async (ms) => {
      const end = Date.now() + ms;
      await eventually(() => expect(Date.now()).toBeGreaterThanOrEqual(end), ms + 1_000);
    },
    closeAll: async () => {
      await Promise.all(queues.splice(0).map((queue) => queue.close()));
    },
    dispose: () => server.stop(),
  };
}

describe.each([
  ['memory', memorySubject],
  ['redis', redisSubject],
])('%s delivery queue contract', (_kind, makeSubject) => {
  let subject: Subject;
  let sut: DeliveryQueue;
  let runner: ScriptedRunner;
  let held: HeldAttempts;
  const open = (settings?: Partial<QueueSettings>) => subject.open(settings);
  const idle = () => eventually(async () => expect(await sut.stats()).toEqual(IDLE));
  const deadLetterIds = async (limit = 10) => (await sut.deadLetters(limit)).map((letter) => letter.id);

  beforeAll(async () => {
    subject = await makeSubject();
  });
  afterAll(() => subject?.dispose());
  beforeEach(async () => {
    sut = await open();
    runner = new ScriptedRunner(() => 'done');
    held = new HeldAttempts();
  });
  afterEach(() => subject.closeAll());

  describe('queueing and delivery', () => {
    it('is ready, and delivers an event as it was queued: attempt 1, not the last', async () => {
      expect(await sut.waitUntilReady(1_000)).toBe(true);
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(() => expect(runner.attempts).toHaveLength(1));
      expect(runner.events).toEqual([one]);
      expect(runner.attempts[0]).toMatchObject({ id: one.id, number: 1, last: false });
      await idle();
    });

    it('holds events until started: waiting, with the time the oldest was queued', async () => {
      const early = testEvent({ queuedAt: Date.now() - 60_000 });
      const later = testEvent();
      await sut.enqueue(early);
      await sut.enqueue(later);
      expect(await sut.stats()).toEqual({ ...IDLE, waiting: 2, oldestPendingSince: early.queuedAt });

      sut.start(runner.run);
      await eventually(() => expect(runner.attempts.map((attempt) => attempt.id).sort()).toEqual([early.id, later.id].sort()));
      await idle();
    });

    it('delivers an event published again while it is pending once, and again once it was delivered', async () => {
      runner.script = (_event, attempt, shutdown) => (attempt.number === 1 ? held.hold(shutdown) : 'done');
      const one = testEvent();
      await sut.enqueue(one);
      await sut.enqueue({ ...one, body: '{"again":"while waiting"}' });
      sut.start(runner.run);
      await eventually(() => expect(held.count).toBe(1));
      await sut.enqueue({ ...one, body: '{"again":"while attempted"}' });
      held.release('retry');
      await sut.enqueue({ ...one, body: '{"again":"while retried"}' });
      await eventually(() => expect(runner.numbers(one.id)).toEqual([1, 2]));
      await idle();
      expect(runner.events.map((event) => event.body)).toEqual([one.body, one.body]);

      await sut.enqueue(one);
      await eventually(() => expect(runner.numbers(one.id)).toEqual([1, 2, 1]));
    });

    it('runs at most `concurrency` attempts at once', async () => {
      sut = await open({ concurrency: 2 });
      runner.script = (_event, _attempt, shutdown) => held.hold(shutdown);
      for (let i = 0; i < 3; i++) await sut.enqueue(testEvent());
      sut.start(runner.run);
      await eventually(() => expect(held.count).toBe(2));
      expect(await sut.stats()).toMatchObject({ waiting: 1, active: 2 });

      held.release();
      await eventually(() => expect(held.count).toBe(1));
      held.release();
      await idle();
      expect(runner.attempts).toHaveLength(3);
      expect(runner.mostAtOnce).toBe(2);
    });
  });

  describe('retries and dead letters', () => {
    it('retries a failed attempt after each delay of the schedule (jittered), and says which attempt is the last', async () => {
      const schedule = [300, 150];
      sut = await open({ retryScheduleMs: schedule });
      runner.script = failing;
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await sut.stats()).toEqual({ ...IDLE, delayed: 1, oldestPendingSince: one.queuedAt }));
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));

      expect(runner.attempts.map(({ id, number, last }) => ({ id, number, last }))).toEqual([
        { id: one.id, number: 1, last: false },
        { id: one.id, number: 2, last: false },
        { id: one.id, number: 3, last: true },
      ]);
      const [first, second, third] = runner.attempts.map((attempt) => attempt.startedAt);
      // The shortest delay the jitter allows, less a few ms for clocks that round differently.
      const shortest = (delay: number) => delay * 0.8 - 5;
      expect(second - first).toBeGreaterThanOrEqual(shortest(schedule[0]));
      expect(third - second).toBeGreaterThanOrEqual(shortest(schedule[1]));
    });

    it('keeps an event whose last attempt failed as a dead letter: when, after how many attempts, and why', async () => {
      runner.script = failing;
      sut.start(runner.run);
      const one = testEvent({ queuedAt: Date.now() - 60_000 });
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));

      const [letter] = await sut.deadLetters(10);
      expect(letter).toEqual({
        id: one.id,
        type: 'upload.completed',
        queuedAt: one.queuedAt,
        failedAt: expect.any(Number),
        attempts: 3,
        reason: 'HTTP 503',
      });
      expect(letter.failedAt).toBeGreaterThanOrEqual(runner.attempts[2].startedAt);
      expect(letter.failedAt).toBeLessThanOrEqual(Date.now());
      await eventually(async () => expect(await sut.stats()).toEqual({ ...IDLE, deadLetters: 1 }));
    });

    it('makes a dead letter at once when the runner says so, without spending the schedule', async () => {
      runner.script = () => 'dead-letter';
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));
      expect(await sut.deadLetters(10)).toEqual([expect.objectContaining({ attempts: 1, reason: 'HTTP 501' })]);
      expect(runner.numbers(one.id)).toEqual([1]);
    });

    it('never retries after the last attempt, even when the runner asks for it', async () => {
      runner.script = () => 'retry';
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));
      expect(await sut.deadLetters(10)).toEqual([expect.objectContaining({ attempts: 3, reason: 'HTTP 503' })]);
      expect(runner.numbers(one.id)).toEqual([1, 2, 3]);
    });

    it('counts an attempt that throws as failed, its message being the reason', async () => {
      runner.script = (_event, attempt) => {
        throw new Error(`receiver client broke on attempt ${attempt.number}`);
      };
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));
      expect(await sut.deadLetters(10)).toEqual([expect.objectContaining({ attempts: 3, reason: 'receiver client broke on attempt 3' })]);
    });
  });

  describe('dead letters, as the CLI lists and redelivers them', () => {
    beforeEach(() => {
      runner.script = failing;
    });

    it('lists dead letters newest first, up to the limit', async () => {
      sut.start(runner.run);
      const events = [testEvent(), testEvent(), testEvent()];
      for (const [index, each] of events.entries()) {
        await sut.enqueue(each);
        await eventually(async () => expect(await sut.deadLetters(10)).toHaveLength(index + 1));
        // Each its own millisecond, so that the order is by time on Redis too.
        const [newest] = await sut.deadLetters(1);
        await eventually(() => expect(Date.now()).toBeGreaterThan(newest.failedAt));
      }
      const [a, b, c] = events.map((each) => each.id);
      expect(await deadLetterIds(10)).toEqual([c, b, a]);
      expect(await deadLetterIds(2)).toEqual([c, b]);
      expect(await deadLetterIds(1)).toEqual([c]);
    });

    it('redelivers one dead letter with a fresh schedule, pending from the redelivery on; false for any other id', async () => {
      sut.start(runner.run);
      const one = testEvent({ queuedAt: Date.now() - 60_000 });
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));
      expect(await sut.redeliver('msg_unknown')).toBe(false);

      runner.script = (_event, _attempt, shutdown) => held.hold(shutdown);
      const redeliveredAt = Date.now();
      expect(await sut.redeliver(one.id)).toBe(true);
      await eventually(() => expect(held.count).toBe(1));
      expect(runner.attempts.at(-1)).toMatchObject({ id: one.id, number: 1, last: false });
      expect(await sut.deadLetters(10)).toEqual([]);
      const pending = await sut.stats();
      expect(pending).toEqual({ ...IDLE, active: 1, oldestPendingSince: expect.any(Number) });
      expect(pending.oldestPendingSince).toBeGreaterThanOrEqual(redeliveredAt);
      expect(await sut.redeliver(one.id)).toBe(false);

      held.release('done');
      await idle();
      expect(await sut.redeliver(one.id)).toBe(false);
    });

    it('ignores an event published again while it is a dead letter: redelivery is how it goes back', async () => {
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));

      runner.script = () => 'done';
      await sut.enqueue(one);
      expect(await sut.stats()).toEqual({ ...IDLE, deadLetters: 1 });
      expect(await sut.redeliver(one.id)).toBe(true);
      await idle();
      expect(runner.numbers(one.id)).toEqual([1, 2, 3, 1]);
    });

    it('queues an event again in place of its dead letter when told to; a pending one still wins', async () => {
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));

      runner.script = (_event, _attempt, shutdown) => held.hold(shutdown);
      await sut.enqueue(one, { replaceDeadLetter: true });
      await eventually(() => expect(held.count).toBe(1));
      expect(runner.attempts.at(-1)).toMatchObject({ id: one.id, number: 1, last: false });
      expect(await sut.deadLetters(10)).toEqual([]);
      await sut.enqueue(one, { replaceDeadLetter: true });
      expect(await sut.stats()).toEqual({ ...IDLE, active: 1, oldestPendingSince: expect.any(Number) });

      held.release('done');
      await idle();
      expect(runner.numbers(one.id)).toEqual([1, 2, 3, 1]);
    });

    it('redelivers every dead letter once and says how many, even when they fail again at once', async () => {
      runner.script = () => 'dead-letter';
      sut.start(runner.run);
      const events = [testEvent(), testEvent(), testEvent()];
      for (const each of events) await sut.enqueue(each);
      await eventually(async () => expect(await sut.deadLetters(10)).toHaveLength(3));

      expect(await sut.redeliverAll()).toBe(3);
      await eventually(async () => {
        expect(events.map((each) => runner.numbers(each.id))).toEqual([
          [1, 1],
          [1, 1],
          [1, 1],
        ]);
        expect(await sut.deadLetters(10)).toHaveLength(3);
      });

      runner.script = () => 'done';
      expect(await sut.redeliverAll()).toBe(3);
      await idle();
      expect(await sut.redeliverAll()).toBe(0);
    });

    it('forgets a dead letter after its TTL: not listed, not counted, not redelivered', async () => {
      sut = await open({ deadLetterTtlSeconds: 1 });
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(async () => expect(await deadLetterIds()).toEqual([one.id]));
      const [letter] = await sut.deadLetters(1);

      await subject.elapse(letter.failedAt + 1_000 - Date.now() + 10);
      expect(await sut.redeliver(one.id)).toBe(false);
      expect(await sut.deadLetters(10)).toEqual([]);
      expect(await sut.stats()).toEqual(IDLE);
      expect(await sut.redeliverAll()).toBe(0);
    });
  });

  describe('stopping and closing', () => {
    beforeEach(() => {
      runner.script = (_event, _attempt, shutdown) => held.hold(shutdown);
    });

    it('on stop, lets a running attempt finish within the grace period and starts no other; events are still queued', async () => {
      sut.start(runner.run);
      await sut.enqueue(testEvent());
      await eventually(() => expect(held.count).toBe(1));
      const stopping = sut.stop(10_000);
      held.release('done');
      await stopping;
      expect(held.cut).toBe(0);

      const later = testEvent();
      await sut.enqueue(later);
      await eventually(async () => expect(await sut.stats()).toEqual({ ...IDLE, waiting: 1, oldestPendingSince: later.queuedAt }));
      expect(runner.attempts).toHaveLength(1);
    });

    it('cuts an attempt still running when the grace period ends: its event stays queued, not a dead letter', async () => {
      sut.start(runner.run);
      const one = testEvent();
      await sut.enqueue(one);
      await eventually(() => expect(held.count).toBe(1));
      await sut.stop(50);
      expect(held.cut).toBe(1);

      const stats = await sut.stats();
      expect(stats).toMatchObject({ active: 0, deadLetters: 0, oldestPendingSince: one.queuedAt });
      expect(stats.waiting + stats.delayed).toBe(1);
    });

    it('on close, cuts a running attempt and takes no more events; closing again is harmless', async () => {
      sut.start(runner.run);
      await sut.enqueue(testEvent());
      await eventually(() => expect(held.count).toBe(1));
      await sut.close();
      expect(held.cut).toBe(1);
      await sut.close();
      await expect(sut.enqueue(testEvent())).rejects.toThrow();
    });

    it('closes a queue that was never started (the CLI)', async () => {
      await sut.enqueue(testEvent());
      expect(await sut.deadLetters(10)).toEqual([]);
      await sut.close();
    });
  });
});
