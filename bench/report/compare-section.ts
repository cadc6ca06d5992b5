import { isAbsolute, relative } from 'node:path';
import {
  COMPARE_DEFAULTS,
  COMPARE_SCENARIOS,
  COMPARE_TARGETS,
  COMPARE_TITLES,
  type CompareRun,
  departuresFromDefaults,
} from '../compare/compare-results';
import { ROOT } from '../stack/paths';
import { table } from './format';
import type { ReportInput } from './report-input';
import { LIMITS, type TargetResult } from './targets';

// The side-by-side part of BENCHMARKS.md: compare.cjs's medians and the ratios the targets are about.

export const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**missed**');

const fixed = (value: number | undefined, digits: number) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratioOf = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '-';
const shown = (file: string) => (isAbsolute(file) ? relative(ROOT, file) || file : file);

/** compare.cjs's medians, as it prints them. */
function compareMediansTable(run: CompareRun): string {
  const rows: string[][] = [];
  for (const scenario of COMPARE_SCENARIOS) {
    for (const target of COMPARE_TARGETS) {
      const m = run.medians[scenario]?.[target];
      const c = run.checks[scenario]?.[target];
      if (!m) continue;
      rows.push([
        target === 'ours' || !run.medians[scenario]?.ours ? `(${scenario})` : '',
        target,
        fixed(m.requestsPerSecond, 0),
        fixed(m.p50Ms, 2),
        fixed(m.p99Ms, 2),
        fixed(m.cpuMicrosPerRequest, 0),
        fixed(m.redisCpuMicrosPerRequest, 0),
        fixed(m.peakRssMB, 0),
        c ? `${c.unexpected} / ${c.responses}` : '-',
      ]);
    }
  }
  return table(
    ['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'Redis CPU µs/req', 'peak RSS MB', 'unexpected / responses'],
    rows,
  );
}

/** The two ratios the targets are about, with their verdicts, and two more for context. */
function compareRatioTable(run: CompareRun, targets: TargetResult[]): string {
  const verdictOf = (prefix: string) => verdict(targets.find((t) => t.target.startsWith(prefix))?.met);
  return table(
    [
      'scenario',
      'req/s ours ÷ floor',
      'target',
      'verdict',
      'peak RSS ours ÷ peer-nest',
      'target',
      'verdict',
      'req/s ours ÷ peer-nest',
      'CPU/req ours ÷ floor',
    ],
    COMPARE_SCENARIOS.filter((scenario) => run.medians[scenario]).map((scenario) => {
      const m = run.medians[scenario] ?? {};
      return [
        `(${scenario}) ${COMPARE_TITLES[scenario]}`,
        ratioOf(m.ours?.requestsPerSecond, m.floor?.requestsPerSecond),
        `≥ ${LIMITS.requestsShareOfFloor[scenario].toFixed(2)}×`,
        verdictOf(`(${scenario}) req/s`),
        ratioOf(m.ours?.peakRssMB, m['peer-nest']?.peakRssMB),
        `≤ ${LIMITS.peakRssRatioToPeer.toFixed(2)}×`,
        verdictOf(`(${scenario}) peak RSS`),
        ratioOf(m.ours?.requestsPerSecond, m['peer-nest']?.requestsPerSecond),
        ratioOf(m.ours?.cpuMicrosPerRequest, m.floor?.cpuMicrosPerRequest),
      ];
    }),
  );
}

export function compareSection(input: ReportInput, targets: TargetResult[]): string {
  const heading = '## Side by side: ours, peer-nest and floor (`../shared/perf/compare.cjs`)';
  const outcome = input.compare;
  if (!outcome.measured) return `${heading}\n\nNot measured: ${outcome.reason}. Its targets above are reported as not measured.`;
  const { run } = outcome;
  const { settings } = run;
  const departures = departuresFromDefaults(run);
  const otherBuild = process.env.BENCH_SERVICE_MAIN ? ', not the BENCH_SERVICE_MAIN build' : '';
  const source =
    outcome.source === 'run'
      ? "Run by this bench once its own steps were done, on this checkout's build " +
        `(\`PROJECT=$PWD node ../shared/perf/compare.cjs\`${otherBuild}); ` +
        `results \`${shown(run.file)}\`` +
        (input.compareFiles
          ? `, its tables and log in \`${shown(input.compareFiles.markdown)}\`, \`${shown(input.compareFiles.log)}\`.`
          : '.')
      : `Read from \`--compare ${shown(run.file)}\`: a compare.cjs run of ${run.started}, not made by this bench run ` +
        '(it measured the build its checkout had then).';
  const checked = COMPARE_SCENARIOS.flatMap((scenario) =>
    COMPARE_TARGETS.flatMap((target) => {
      const c = run.checks[scenario]?.[target];
      return c && (c.unexpected > 0 || c.responses === 0) ? [`(${scenario}) ${target}: ${c.unexpected} of ${c.responses}`] : [];
    }),
  );
  const lines = [
    heading,
    '',
    'The same work on the Tencent signature route and `GET /healthz`, served by the service ("ours"), by `peer-nest` (NestJS 12 ' +
      'on Express as a team would write it: @nestjs/jwt guard, @nestjs/throttler with Redis storage, class-validator, INCR+EXPIRE ' +
      "quota, Tencent's sample signer) and by `floor` (bare Fastify 5, HS256 with node:crypto, one EVALSHA for the limits, quota " +
      'and nonce), on the same Node binary and the same throwaway Redis. Scenarios: ' +
      COMPARE_SCENARIOS.map((scenario) => `(${scenario}) ${COMPARE_TITLES[scenario]}`).join('; ') +
      '. Rounds are interleaved over the three targets; the figures are medians over rounds; CPU from /proc of the target ' +
      '(and of redis-server), peak RSS = VmHWM reset before each measurement.',
    '',
    source,
    '',
    `Settings: ${settings.rounds} round(s) × ${settings.durationSeconds} s per scenario and target after ${settings.warmupSeconds} s ` +
      `of warm-up, ${settings.connections} connections, ${settings.users} users rotated on (s); ${run.node}; ${run.machine}; ` +
      `started ${run.started}.` +
      (departures.length > 0
        ? ` **Not the settings the targets are defined at** (${COMPARE_DEFAULTS.rounds} rounds × ${COMPARE_DEFAULTS.durationSeconds} s, ` +
          `${COMPARE_DEFAULTS.connections} connections, ${COMPARE_DEFAULTS.users} users): ${departures.join(', ')}; ` +
          'the verdicts are indicative only.'
        : ''),
    '',
    checked.length === 0
      ? "Checks: every answer of every target had its scenario's status."
      : `**Checks failed** (answers with another status than the scenario's, of all answers): ${checked.join('; ')}.`,
    '',
    compareRatioTable(run, targets),
    '',
    compareMediansTable(run),
    '',
    'Idle RSS (each "open" instance after its start, one `GET /healthz` and a second\'s rest): ' +
      COMPARE_TARGETS.map(
        (target) => `${target} ${Number.isFinite(run.idleRssMB[target]) ? `${run.idleRssMB[target]?.toFixed(0)} MB` : '–'}`,
      ).join(', ') +
      '.',
  ];
  return lines.join('\n');
}
