import type { Figures } from './figures';

/** The targets for this version: ratios within one run, so a slow or busy machine shifts both sides. */
export const LIMITS = {
  refusalShareOfHealthz: 0.5,
  cheapRouteShareOfHealthz: 0.4,
  cpuRatioToBareSdk: 1,
  p99MarginMs: 5,
  p99Connections: 32,
  peakRssBytes: 200 * 1024 * 1024,
};

export interface TargetResult {
  target: string;
  measured: string;
  /** undefined: a scenario it needs was not run. */
  met: boolean | undefined;
  note?: string;
}

const pct = (value: number) => `${(value * 100).toFixed(0)} %`;

export function evaluateTargets(byId: Map<string, Figures>, servicePeakRssBytes: number | undefined): TargetResult[] {
  const results: TargetResult[] = [];
  const a = byId.get('a');

  for (const [id, share] of [
    ['b', LIMITS.refusalShareOfHealthz],
    ['c', LIMITS.refusalShareOfHealthz],
    ['d', LIMITS.cheapRouteShareOfHealthz],
    ['f', LIMITS.cheapRouteShareOfHealthz],
  ] as const) {
    const x = byId.get(id);
    const target = `(${id}) throughput ≥ ${pct(share)} of (a)`;
    if (!a || !x) results.push({ target, measured: 'not measured', met: undefined });
    else {
      const ratio = x.requestsPerSecond / a.requestsPerSecond;
      results.push({
        target,
        measured: `${pct(ratio)} (${x.requestsPerSecond.toFixed(0)} vs ${a.requestsPerSecond.toFixed(0)} req/s)`,
        met: ratio >= share,
      });
    }
  }

  for (const [id, loopId] of [
    ['e', 'h-aliyun'],
    ['g', 'h-tencent'],
  ] as const) {
    const x = byId.get(id);
    const h = byId.get(loopId);
    const target = `(${id}) service CPU per request ≤ ${LIMITS.cpuRatioToBareSdk}× the bare SDK call's (${loopId})`;
    if (!x || !h) results.push({ target, measured: 'not measured', met: undefined });
    else {
      const ratio = x.cpuMicrosPerRequest / h.cpuMicrosPerRequest;
      results.push({
        target,
        measured: `${ratio.toFixed(2)}× (${x.cpuMicrosPerRequest.toFixed(0)} vs ${h.cpuMicrosPerRequest.toFixed(0)} µs)`,
        met: ratio <= LIMITS.cpuRatioToBareSdk,
        note:
          `the service's own work besides the SDK call: ${(x.cpuMicrosPerRequest - h.cpuMicrosPerRequest).toFixed(0)} µs ` +
          `= ${(ratio - 1).toFixed(2)}× the SDK call`,
      });
    }
  }

  const e = byId.get('e');
  const h = byId.get('h-aliyun');
  const p99Target = `(e) p99 ≤ (h-aliyun) p99 + ${LIMITS.p99MarginMs} ms at ${LIMITS.p99Connections} connections`;
  if (!e || !h) results.push({ target: p99Target, measured: 'not measured', met: undefined });
  else {
    const margin = e.p99Ms - h.p99Ms;
    results.push({
      target: p99Target,
      measured: `+${margin.toFixed(1)} ms (${e.p99Ms.toFixed(1)} vs ${h.p99Ms.toFixed(1)} ms)`,
      met: margin <= LIMITS.p99MarginMs,
      note: e.connections === LIMITS.p99Connections ? undefined : `measured at ${e.connections} connections, not ${LIMITS.p99Connections}`,
    });
  }

  const rssTarget = `service peak RSS ≤ ${LIMITS.peakRssBytes / 2 ** 20} MB`;
  if (servicePeakRssBytes === undefined) results.push({ target: rssTarget, measured: 'not measured', met: undefined });
  else
    results.push({
      target: rssTarget,
      measured: `${(servicePeakRssBytes / 2 ** 20).toFixed(0)} MB`,
      met: servicePeakRssBytes <= LIMITS.peakRssBytes,
    });
  return results;
}
