import { COMPARE_SCENARIOS, type CompareScenarioId, type CompareTargetName, departuresFromDefaults } from '../compare/compare-results';
import type { CompareOutcome } from '../compare/run-compare';
import type { Figures } from './figures';

/**
 * Issue 23's targets. From compare.cjs (medians at its defaults): the service's req/s against the
 * bare-Fastify floor's, and its peak RSS against the mainstream NestJS peer's, per scenario, and its
 * idle RSS against the peer's. From the bench's own run: a create's service CPU against the bare SDK call's.
 */
export const LIMITS = {
  /** req/s of ours ÷ floor's, at least. */
  requestsShareOfFloor: { s: 0.6, u: 0.6, r: 0.6, h: 0.6 } satisfies Record<CompareScenarioId, number>,
  /** Peak RSS of ours ÷ peer-nest's, at most. */
  peakRssRatioToPeer: 1.0,
  /** Idle RSS of ours ÷ peer-nest's (after start, one request and a second's rest), at most. */
  idleRssRatioToPeer: 1.0,
  /** Service CPU per create ÷ the bare SDK call's CPU per call, at most: our own work ≤ the SDK's. */
  cpuRatioToBareSdk: 2,
};

export interface TargetResult {
  target: string;
  /** The figure, or why there is none. */
  measured: string;
  /** undefined: not measured (a step it needs was not run, or its figures are not valid). */
  met: boolean | undefined;
  note?: string;
}

const times = (value: number) => `${value.toFixed(2)}×`;

function compareTargets(outcome: CompareOutcome): TargetResult[] {
  const results: TargetResult[] = [];
  const departures = outcome.measured ? departuresFromDefaults(outcome.run) : [];
  const indicative = departures.length > 0 ? "indicative only: not at compare.cjs's defaults" : undefined;
  for (const scenario of COMPARE_SCENARIOS) {
    const pairs: { target: string; reference: CompareTargetName; check: (ratio: number) => boolean; figure: string }[] = [
      {
        target: `(${scenario}) req/s ≥ ${LIMITS.requestsShareOfFloor[scenario].toFixed(2)}× floor's`,
        reference: 'floor',
        check: (ratio) => ratio >= LIMITS.requestsShareOfFloor[scenario],
        figure: 'req/s',
      },
      {
        target: `(${scenario}) peak RSS ≤ ${LIMITS.peakRssRatioToPeer.toFixed(2)}× peer-nest's`,
        reference: 'peer-nest',
        check: (ratio) => ratio <= LIMITS.peakRssRatioToPeer,
        figure: 'MB',
      },
    ];
    for (const { target, reference, check, figure } of pairs) {
      if (!outcome.measured) {
        results.push({ target, measured: 'not measured', met: undefined, note: outcome.reason });
        continue;
      }
      const medians = outcome.run.medians[scenario];
      const ours = medians?.ours;
      const other = medians?.[reference];
      const pick = (m: NonNullable<typeof ours>) => (figure === 'req/s' ? m.requestsPerSecond : m.peakRssMB);
      if (!ours || !other || !Number.isFinite(pick(ours)) || !Number.isFinite(pick(other)) || pick(other) <= 0) {
        results.push({
          target,
          measured: 'not measured',
          met: undefined,
          note: `the compare results have no ${figure} of ours or ${reference} for (${scenario})`,
        });
        continue;
      }
      const checks = outcome.run.checks[scenario] ?? {};
      const invalid = (['ours', reference] as const)
        .map((name) => ({ name, c: checks[name] }))
        .filter(({ c }) => !c || c.unexpected > 0 || c.responses === 0)
        .map(({ name, c }) => `${name}: ${c ? `${c.unexpected} of ${c.responses} answers unexpected` : 'no checks'}`);
      const ratio = pick(ours) / pick(other);
      const measured = `${times(ratio)} (${pick(ours).toFixed(0)} vs ${pick(other).toFixed(0)} ${figure})`;
      if (invalid.length > 0) {
        results.push({ target, measured: `not valid: ${measured}`, met: undefined, note: invalid.join('; ') });
        continue;
      }
      const lifetimePeak = figure === 'MB' && (!checks.ours?.peakPerMeasurement || !checks[reference]?.peakPerMeasurement);
      const notes = [indicative, lifetimePeak ? 'peak RSS over the process lives (VmHWM could not be reset)' : undefined].filter(Boolean);
      results.push({ target, measured, met: check(ratio), note: notes.join('; ') || undefined });
    }
  }
  return results;
}

function idleTarget(outcome: CompareOutcome): TargetResult {
  const target = `idle RSS ≤ ${LIMITS.idleRssRatioToPeer.toFixed(2)}× peer-nest's`;
  if (!outcome.measured) return { target, measured: 'not measured', met: undefined, note: outcome.reason };
  const ours = outcome.run.idleRssMB.ours ?? NaN;
  const peer = outcome.run.idleRssMB['peer-nest'] ?? NaN;
  if (!Number.isFinite(ours) || !Number.isFinite(peer) || peer <= 0) {
    return { target, measured: 'not measured', met: undefined, note: 'the compare results have no idle RSS of ours or peer-nest' };
  }
  const ratio = ours / peer;
  return { target, measured: `${times(ratio)} (${ours.toFixed(0)} vs ${peer.toFixed(0)} MB)`, met: ratio <= LIMITS.idleRssRatioToPeer };
}

function cpuTargets(byId: Map<string, Figures>): TargetResult[] {
  const results: TargetResult[] = [];
  for (const [id, loopId] of [
    ['e', 'h-aliyun'],
    ['g', 'h-tencent'],
  ] as const) {
    const x = byId.get(id);
    const h = byId.get(loopId);
    const target = `(${id}) service CPU per create ≤ ${LIMITS.cpuRatioToBareSdk}× the bare SDK call's (${loopId})`;
    if (!x || !h) {
      results.push({ target, measured: 'not measured', met: undefined, note: `(${!x ? id : loopId}) was not run` });
      continue;
    }
    const ratio = x.cpuMicrosPerRequest / h.cpuMicrosPerRequest;
    const measured = `${times(ratio)} (${x.cpuMicrosPerRequest.toFixed(0)} vs ${h.cpuMicrosPerRequest.toFixed(0)} µs)`;
    if (x.unexpected > 0 || h.unexpected > 0) {
      const bad = [x, h].filter((f) => f.unexpected > 0).map((f) => `(${f.id}): ${f.unexpected} unexpected answers or failed calls`);
      results.push({ target, measured: `not valid: ${measured}`, met: undefined, note: bad.join('; ') });
      continue;
    }
    results.push({
      target,
      measured,
      met: ratio <= LIMITS.cpuRatioToBareSdk,
      note:
        `the service's own work besides the SDK call: ${(x.cpuMicrosPerRequest - h.cpuMicrosPerRequest).toFixed(0)} µs ` +
        `= ${times(ratio - 1)} the SDK call`,
    });
  }
  return results;
}

export function evaluateTargets(byId: Map<string, Figures>, compare: CompareOutcome): TargetResult[] {
  return [...compareTargets(compare), idleTarget(compare), ...cpuTargets(byId)];
}
