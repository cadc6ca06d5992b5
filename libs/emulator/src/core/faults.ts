import type { FaultKind } from './provider';

export interface FaultSpec {
  kind: FaultKind;
  /** Limit to one provider (`aliyun-vod`, `aliyun-ice`, `tencent-vod`) and/or operation; all when omitted. */
  provider?: string;
  operation?: string;
  /** Extra latency for `latency` (and before any other fault). Default 0. */
  delayMs?: number;
  /** How many matching calls take the fault; unlimited when omitted. */
  times?: number;
}

/** Faults on demand: tests and benchmarks arm them, matching calls take them in order. */
export class FaultInjector {
  private faults: (FaultSpec & { remaining: number })[] = [];
  /** Latency added to every call (the benchmark's configurable upstream latency). */
  baseLatencyMs = 0;

  inject(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault this call takes, if any; consumes one use. */
  take(provider: string, operation: string): FaultSpec | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        fault.remaining > 0 &&
        (fault.provider === undefined || fault.provider === provider) &&
        (fault.operation === undefined || fault.operation === operation),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
