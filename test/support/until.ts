import { setTimeout as sleep } from 'node:timers/promises';

/** Waits for `condition` (checked every 20 ms) for up to `timeoutMs`, then fails saying what it waited for. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
