import { performance } from 'node:perf_hooks';
import type { LatencyRecorder } from '../metrics/latency';

export interface LoopResult {
  calls: number;
  failures: number;
  firstFailure?: string;
  seconds: number;
}

/**
 * `concurrency` workers, each awaiting one call after another until `ms` have passed (the closed
 * loop autocannon's connections make); in-flight calls finish before it returns.
 */
export async function runLoop(
  call: (n: number) => Promise<unknown>,
  concurrency: number,
  ms: number,
  latencies?: LatencyRecorder,
): Promise<LoopResult> {
  const started = performance.now();
  const deadline = started + ms;
  const result: LoopResult = { calls: 0, failures: 0, seconds: 0 };
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = result.calls + result.failures;
      const callStarted = performance.now();
      try {
        await call(n);
        latencies?.record(performance.now() - callStarted);
        result.calls += 1;
      } catch (error) {
        result.failures += 1;
        result.firstFailure ??= String((error as Error)?.message ?? error).slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
