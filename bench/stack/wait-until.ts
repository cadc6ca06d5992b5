import { setTimeout as sleep } from 'node:timers/promises';
import { assertAlive, type BenchChild } from './child-process';

/** Polls `check` until it holds; fails early, with its output, if `child` dies meanwhile. */
export async function waitUntil(what: string, child: BenchChild, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    assertAlive(child);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last output of ${child.name}:\n${child.logTail()}`);
    await sleep(50);
  }
}

/** True once `url` answers with `status`. */
export const answers =
  (url: string, status = 200) =>
  async () =>
    (await fetch(url, { signal: AbortSignal.timeout(1_000) })).status === status;
