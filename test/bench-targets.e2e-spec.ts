import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseCompareResults } from '../bench/compare/compare-results';
import type { CompareOutcome } from '../bench/compare/run-compare';
import { parseOptions, UsageError } from '../bench/options';
import type { Figures } from '../bench/report/figures';
import { evaluateTargets } from '../bench/report/targets';
import { writeReport } from '../bench/report/write-report';

const ROOT = join(__dirname, '..');

/** A results file as ../shared/perf/compare.cjs writes it (medians per scenario and target, each round's raw figures). */
function compareJson(
  overrides: { rps?: Record<string, Record<string, number | null>>; rss?: Record<string, Record<string, number>> } = {},
) {
  const rps: Record<string, Record<string, number | null>> = {
    s: { ours: 6000, 'peer-nest': 4000, floor: 10000 },
    u: { ours: 6000, 'peer-nest': 7000, floor: 10000 },
    r: { ours: 5900, 'peer-nest': 3000, floor: 10000 },
    h: { ours: 30000, 'peer-nest': 30000, floor: 50000 },
    ...overrides.rps,
  };
  const rss: Record<string, Record<string, number>> = {
    s: { ours: 200, 'peer-nest': 200, floor: 150 },
    u: { ours: 201, 'peer-nest': 200, floor: 150 },
    r: { ours: 100, 'peer-nest': 200, floor: 150 },
    h: { ours: 300, 'peer-nest': 200, floor: 150 },
    ...overrides.rss,
  };
  const medians: Record<string, Record<string, object>> = {};
  const results: Record<string, Record<string, object[]>> = {};
  for (const scenario of Object.keys(rps)) {
    medians[scenario] = {};
    results[scenario] = {};
    for (const target of Object.keys(rps[scenario])) {
      medians[scenario][target] = { rps: rps[scenario][target], p50: 1, p99: 5, cpu: 100, redis: 10, rss: rss[scenario][target] };
      results[scenario][target] = [{ responses: 1000, unexpected: 0, peakPerMeasurement: true, statuses: {} }];
    }
  }
  return {
    started: '2026-11-23T22:52:09.641Z',
    options: { ROUNDS: 3, DURATION: 10, CONNECTIONS: 32, WARMUP: 2, USERS: 1000, ONLY: [] },
    node: 'v24.21.0',
    machine: 'test machine',
    idleRssMB: { ours: 130, 'peer-nest': 120, floor: 80 },
    medians,
    results,
  };
}

const measured = (json: unknown): CompareOutcome => ({
  measured: true,
  run: parseCompareResults(json, 'compare-test.json'),
  source: 'file',
});

function figures(id: string, cpuMicrosPerRequest: number, unexpected = 0): Figures {
  return {
    id,
    title: id,
    subject: id.startsWith('h-') ? 'sdk-loop' : 'service',
    connections: 32,
    seconds: 10,
    completed: 1000,
    requestsPerSecond: 100,
    p50Ms: 1,
    p99Ms: 2,
    cpuMicrosPerRequest,
    peakRssBytes: 100 * 2 ** 20,
    otherCpuMicrosPerRequest: {},
    unexpected,
    statuses: {},
  };
}

const verdicts = (byId: Map<string, Figures>, compare: CompareOutcome) =>
  Object.fromEntries(evaluateTargets(byId, compare).map((t) => [t.target, t.met]));

describe('npm run bench: the targets of issue 23, from compare.cjs results and the bench figures (no processes)', () => {
  it('judges req/s against floor (0.60) and peak and idle RSS against peer-nest (1.0), limits included', () => {
    const byTarget = verdicts(new Map(), measured(compareJson()));
    expect(byTarget).toMatchObject({
      "(s) req/s ≥ 0.60× floor's": true,
      "(u) req/s ≥ 0.60× floor's": true,
      "(r) req/s ≥ 0.60× floor's": false,
      "(h) req/s ≥ 0.60× floor's": true,
      "(s) peak RSS ≤ 1.00× peer-nest's": true,
      "(u) peak RSS ≤ 1.00× peer-nest's": false,
      "(r) peak RSS ≤ 1.00× peer-nest's": true,
      "(h) peak RSS ≤ 1.00× peer-nest's": false,
      "idle RSS ≤ 1.00× peer-nest's": false,
    });
    const json = compareJson();
    json.idleRssMB.ours = 120;
    expect(verdicts(new Map(), measured(json))["idle RSS ≤ 1.00× peer-nest's"]).toBe(true);
  });

  it('reports a create against the bare SDK call with the limit 2×', () => {
    const byId = new Map([figures('e', 400), figures('h-aliyun', 200), figures('g', 401), figures('h-tencent', 200)].map((f) => [f.id, f]));
    const byTarget = verdicts(byId, { measured: false, reason: 'skipped (--no-compare)' });
    expect(byTarget["(e) service CPU per create ≤ 2× the bare SDK call's (h-aliyun)"]).toBe(true);
    expect(byTarget["(g) service CPU per create ≤ 2× the bare SDK call's (h-tencent)"]).toBe(false);
  });

  it('never invents a figure: no compare run, a missing figure or unexpected answers are "not measured", with the reason', () => {
    const none = evaluateTargets(new Map(), { measured: false, reason: 'skipped (--no-compare)' });
    expect(none).toHaveLength(11);
    expect(none.every((t) => t.met === undefined)).toBe(true);
    expect(none.slice(0, 9).every((t) => t.note === 'skipped (--no-compare)')).toBe(true);

    const json = compareJson({ rps: { r: { ours: 5000, 'peer-nest': 3000, floor: null } } });
    delete (json.medians as Record<string, unknown>).h;
    (json.results.u.ours[0] as { unexpected: number }).unexpected = 3;
    // A results file from before compare.cjs reported idle RSS.
    delete (json as { idleRssMB?: unknown }).idleRssMB;
    const targets = evaluateTargets(new Map(), measured(json));
    const of = (target: string) => targets.find((t) => t.target === target);
    expect(of("(r) req/s ≥ 0.60× floor's")).toMatchObject({ met: undefined, note: expect.stringContaining('no req/s') });
    expect(of("(r) peak RSS ≤ 1.00× peer-nest's")?.met).toBe(true);
    expect(of("(h) req/s ≥ 0.60× floor's")?.met).toBeUndefined();
    expect(of("(u) req/s ≥ 0.60× floor's")).toMatchObject({ met: undefined, note: 'ours: 3 of 1000 answers unexpected' });
    expect(of("idle RSS ≤ 1.00× peer-nest's")).toMatchObject({ met: undefined, note: expect.stringContaining('no idle RSS') });
    expect(of("(e) service CPU per create ≤ 2× the bare SDK call's (h-aliyun)")).toMatchObject({ met: undefined, note: '(e) was not run' });
  });

  it('marks verdicts from a run at other settings than compare.cjs defaults as indicative', () => {
    const json = compareJson();
    json.options = { ...json.options, ROUNDS: 1, DURATION: 2, CONNECTIONS: 4 };
    const targets = evaluateTargets(new Map(), measured(json));
    expect(targets[0]).toMatchObject({ met: true, note: expect.stringContaining('indicative') });
  });

  it('says in the report which targets are met, missed and not measured, with the side-by-side table', () => {
    const options = parseOptions(['--out', '', '--no-compare'], {})!;
    const report = writeReport({
      options,
      machine: { cpuModel: 'test', cores: 2, memoryGiB: 1, node: 'v24', os: 'test', loadAverageAtStart: 0 },
      runId: 'test',
      figures: [],
      variantFigures: [],
      servicePeakRssBytes: undefined,
      compare: measured(compareJson()),
      elapsedSeconds: 1,
    });
    expect(report.summary).toContain('**5 of 11 targets met, 4 missed, 2 not measured.**');
    expect(report.summary).toMatch(/- Missed: \(u\) peak RSS[^\n]*\(r\) req\/s[^\n]*\(h\) peak RSS[^\n]*idle RSS/);
    expect(report.summary).toMatch(/Idle RSS \(each "open" instance after [^)]*\): ours 130 MB, peer-nest 120 MB, floor 80 MB\./);
    expect(report.summary).toContain('| (r) POST tencent-vod/signatures, one user over user:1/1h → 429 | 0.59×');
  });

  it('rejects a file that is not compare.cjs results', () => {
    expect(() => parseCompareResults({ medians: {} }, 'x.json')).toThrow(/results is missing/);
    expect(() => parseCompareResults({ medians: { z: {} }, results: {} }, 'x.json')).toThrow(/none of the scenarios/);
  });
});

describe('npm run bench: options', () => {
  it('runs compare.cjs by default, reads a file with --compare (from where npm was run), or skips it', () => {
    expect(parseOptions([], {})).toMatchObject({ build: true, compare: { mode: 'run', settings: {} } });
    expect(parseOptions(['--compare-rounds', '1', '--compare-duration', '2', '--no-build'], {})).toMatchObject({
      build: false,
      compare: { mode: 'run', settings: { rounds: 1, durationSeconds: 2 } },
    });
    expect(parseOptions(['--compare', 'r.json'], { INIT_CWD: '/somewhere' })?.compare).toEqual({ mode: 'file', file: '/somewhere/r.json' });
    expect(parseOptions(['--no-compare'], {})?.compare).toEqual({ mode: 'skip' });
  });

  it.each([
    [['--no-compare', '--compare', 'r.json']],
    [['--compare', 'r.json', '--compare-rounds', '1']],
    [['--compare-rounds', '0']],
    [['--only', 'a,z']],
    [['--bogus']],
  ])('refuses %j as a usage error', (argv) => {
    expect(() => parseOptions(argv, {})).toThrow(UsageError);
  });

  it('prints its usage for --help without building first', async () => {
    const child = spawn(process.execPath, ['-r', require.resolve('@swc-node/register'), join(ROOT, 'bench/run-bench.ts'), '--help'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^npm run bench -- \[options\]/);
    expect(stdout).toContain('--no-compare');
    expect(stdout).not.toContain('building');
  });
});
