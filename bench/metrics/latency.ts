/** Latency percentiles in ms, computed the same way for autocannon's responses and the SDK loops' calls. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Collects response times (ms, sub-ms precision); autocannon's own histogram rounds to whole ms. */
export class LatencyRecorder {
  private values = new Float64Array(1 << 16);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = ms;
  }

  summary(): LatencySummary {
    const sorted = this.values.slice(0, this.size).sort();
    return { count: this.size, p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), max: sorted.at(-1) ?? 0 };
  }
}

/** The smallest value with at least `p` of all values at or below it. */
function nearestRank(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
