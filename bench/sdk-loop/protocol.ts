import type { KeyPair } from '@app/emulator';
import type { LatencySummary } from '../metrics/latency';

export type SdkLoopProvider = 'aliyun' | 'tencent';

/** Parent → loop: what to call; then `go` once the parent has read the loop's CPU time. */
export type ToLoop =
  | {
      type: 'start';
      provider: SdkLoopProvider;
      emulatorUrl: string;
      key: KeyPair;
      concurrency: number;
      warmupMs: number;
      durationMs: number;
    }
  | { type: 'go' };

/** Loop → parent: `warm` when idle after the warm-up; `done` when idle after the measurement. */
export type FromLoop =
  { type: 'warm' } | { type: 'done'; calls: number; failures: number; firstFailure?: string; seconds: number; latency: LatencySummary };
