import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EncryptionKey, keyId } from '@app/config';
import { EnvelopeCipher } from '@app/store';
import type { Attempt, AttemptResult } from '../delivery/webhook-delivery';
import type { AttemptRunner, QueuedJob } from '../queue/delivery-queue';
import { createWebhookEvent, type WebhookEvent } from '../webhook-event';

export type Verdict = AttemptResult['verdict'];
type Script = (event: QueuedJob, attempt: Attempt, shutdown: AbortSignal) => Verdict | Promise<Verdict>;

/** An event of its own upload (so its own webhook-id). */
export function testEvent(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  const event = createWebhookEvent('upload.completed', {
    uploadId: `upl_${randomBytes(6).toString('hex')}`,
    userId: 'alice',
    provider: 'aliyun-vod',
    kind: 'aliyun-vod-video',
    status: 'uploaded',
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:01.000Z',
  });
  return { ...event, ...overrides };
}

/** A random cache key, as config makes one from CACHE_ENCRYPTION_KEY. */
export function testEncryptionKey(): EncryptionKey {
  const key = randomBytes(32);
  return { id: keyId(key), key };
}

/** The cipher a Redis queue seals bodies with: `keys` (current first), or a random key. */
export const testCipher = (...keys: EncryptionKey[]): EnvelopeCipher => new EnvelopeCipher(keys.length > 0 ? keys : [testEncryptionKey()]);

/** What the delivery answers for a receiver that keeps failing. */
export const failing: Script = (_event, attempt) => (attempt.last ? 'dead-letter' : 'retry');

export interface RecordedAttempt {
  id: string;
  number: number;
  last: boolean;
  /** Date.now() when the attempt began. */
  startedAt: number;
}

/**
 * A runner that records every attempt and answers from `script`, which a case may change midway
 * (the receiver is fixed). The reason it gives is `HTTP 50<attempt number>`.
 */
export class ScriptedRunner {
  readonly attempts: RecordedAttempt[] = [];
  readonly events: QueuedJob[] = [];
  /** The most attempts that ran at once. */
  mostAtOnce = 0;
  private running = 0;

  constructor(public script: Script) {}

  readonly run: AttemptRunner = async (event, attempt, shutdown) => {
    this.attempts.push({ id: event.id, number: attempt.number, last: attempt.last, startedAt: Date.now() });
    this.events.push(event);
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.running);
    try {
      return { verdict: await this.script(event, attempt, shutdown), reason: `HTTP 50${attempt.number}` };
    } finally {
      this.running -= 1;
    }
  };

  /** The attempt numbers seen for one event, in order. */
  numbers(id: string): number[] {
    return this.attempts.filter((attempt) => attempt.id === id).map((attempt) => attempt.number);
  }
}

/** Attempts that wait until released (answering the verdict given) or cut by the shutdown signal ('interrupted'). */
export class HeldAttempts {
  /** Attempts cut by a shutdown. */
  cut = 0;
  private readonly waiting = new Set<(verdict: Verdict) => void>();

  /** How many attempts are waiting now. */
  get count(): number {
    return this.waiting.size;
  }

  hold(shutdown: AbortSignal): Promise<Verdict> {
    return new Promise((resolve) => {
      const answer = (verdict: Verdict) => {
        this.waiting.delete(answer);
        resolve(verdict);
      };
      this.waiting.add(answer);
      shutdown.addEventListener(
        'abort',
        () => {
          if (!this.waiting.has(answer)) return;
          this.cut += 1;
          answer('interrupted');
        },
        { once: true },
      );
    });
  }

  /** Answers every attempt waiting now. */
  release(verdict: Verdict = 'done'): void {
    for (const answer of [...this.waiting]) answer(verdict);
  }
}

/** Retries `check` (an assertion) until it passes or `timeoutMs` elapses, then rethrows its last failure. */
export async function eventually(check: () => unknown, timeoutMs = 12_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}
