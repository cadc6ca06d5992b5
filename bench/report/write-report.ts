import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import {
  COMPARE_DEFAULTS,
  COMPARE_SCENARIOS,
  COMPARE_TARGETS,
  COMPARE_TITLES,
  type CompareRun,
  departuresFromDefaults,
} from '../compare/compare-results';
import type { CompareOutcome } from '../compare/run-compare';
import type { BenchOptions } from '../options';
import { ROOT } from '../stack/paths';
import type { Figures } from './figures';
import { mb, micros, ms, table } from './format';
import type { Machine } from './machine';
import { evaluateTargets, LIMITS, type TargetResult } from './targets';

export interface ReportInput {
  options: BenchOptions;
  machine: Machine;
  runId: string;
  figures: Figures[];
  /** Scenarios rerun on a second service process with other settings (variants.ts). */
  variantFigures: Figures[];
  servicePeakRssBytes: number | undefined;
  /** The side-by-side figures (compare.cjs), or why there are none. */
  compare: CompareOutcome;
  /** Where compare.cjs's Markdown and log went, when this run ran it. */
  compareFiles?: { markdown: string; log: string };
  elapsedSeconds: number;
}

export interface Report {
  targets: TargetResult[];
  /** The tables, for the terminal. */
  summary: string;
}

/** Hand-written findings (profiles, fixes, what is not ours), kept beside the generator and included verbatim. */
const FINDINGS = join(__dirname, '..', 'FINDINGS.md');

/** One line per variant: its id and what it changes. */
function variantTitles(variants: Figures[]): string {
  const titles = new Map(variants.map((v) => [v.id.split('@')[1], v.title.replace(/^.*\[(.*)\]$/, '$1')]));
  return [...titles].map(([id, title]) => `- \`${id}\`: ${title}`).join('\n');
}

/** Which targets are met, which missed, which not measured (and why): plainly, before any table. */
function targetSummary(targets: TargetResult[], compare: CompareOutcome): string {
  const met = targets.filter((t) => t.met === true);
  const missed = targets.filter((t) => t.met === false);
  const unmeasured = targets.filter((t) => t.met === undefined);
  const names = (items: TargetResult[]) => (items.length > 0 ? items.map((t) => t.target).join('; ') : 'none');
  // Targets not measured for one reason (compare.cjs not there, say) share a line.
  const reasons = new Map<string, TargetResult[]>();
  for (const t of unmeasured) reasons.set(t.note ?? 'no reason given', [...(reasons.get(t.note ?? 'no reason given') ?? []), t]);
  return [
    `**${met.length} of ${targets.length} targets met, ${missed.length} missed, ${unmeasured.length} not measured.**`,
    '',
    `- Met: ${names(met)}.`,
    `- Missed: ${names(missed)}.`,
    ...[...reasons].map(([reason, items]) => `- Not measured: ${names(items)}. Why: ${reason}.`),
    ...(compare.measured && departuresFromDefaults(compare.run).length > 0
      ? ['- The side-by-side verdicts come from a compare.cjs run at other settings than its defaults: they are indicative only.']
      : []),
  ].join('\n');
}

const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**missed**');

function serviceTable(figures: Figures[]): string {
  return table(
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'service CPU µs/req', 'peak RSS MB', 'upstream calls/req', 'unexpected'],
    figures.map((f) => [
      `(${f.id}) ${f.title}`,
      f.requestsPerSecond.toFixed(0),
      ms(f.p50Ms),
      ms(f.p99Ms),
      micros(f.cpuMicrosPerRequest),
      mb(f.peakRssBytes),
      f.upstreamCallsPerRequest === undefined ? '-' : f.upstreamCallsPerRequest.toFixed(2),
      f.unexpected > 0 ? `${f.unexpected} ${JSON.stringify(f.statuses)}` : '0',
    ]),
  );
}

function loopTable(loops: Figures[], byId: Map<string, Figures>): string {
  return table(
    [
      'scenario',
      'calls/s',
      'p50 ms',
      'p99 ms',
      'loop CPU µs/call',
      'loop peak RSS MB',
      'compared with',
      'its CPU µs/req',
      'CPU ratio',
      'p99 difference ms',
      'failed calls',
    ],
    loops.map((h) => {
      const x = byId.get(h.id === 'h-aliyun' ? 'e' : 'g');
      return [
        `(${h.id}) ${h.title}`,
        h.requestsPerSecond.toFixed(0),
        ms(h.p50Ms),
        ms(h.p99Ms),
        micros(h.cpuMicrosPerRequest),
        mb(h.peakRssBytes),
        x ? `(${x.id})` : '-',
        x ? micros(x.cpuMicrosPerRequest) : '-',
        x ? `${(x.cpuMicrosPerRequest / h.cpuMicrosPerRequest).toFixed(2)}×` : '-',
        x ? `${x.p99Ms - h.p99Ms >= 0 ? '+' : ''}${(x.p99Ms - h.p99Ms).toFixed(1)}` : '-',
        String(h.unexpected),
      ];
    }),
  );
}

function machineShareTable(figures: Figures[]): string {
  return table(
    ['scenario', 'subject process', 'emulator', 'redis-server', 'load generator (autocannon)'],
    figures.map((f) => [
      `(${f.id})`,
      micros(f.cpuMicrosPerRequest),
      micros(f.otherCpuMicrosPerRequest.emulator ?? 0),
      f.otherCpuMicrosPerRequest.redis === undefined ? '-' : micros(f.otherCpuMicrosPerRequest.redis),
      f.otherCpuMicrosPerRequest.loadGenerator === undefined ? '-' : micros(f.otherCpuMicrosPerRequest.loadGenerator),
    ]),
  );
}

function variantTable(main: Map<string, Figures>, variants: Figures[]): string {
  return table(
    [
      'scenario',
      'variant',
      'req/s',
      'p99 ms',
      'CPU µs/req',
      'CPU µs/req in the main run',
      'difference',
      'peak RSS MB',
      'peak RSS MB in the main run',
    ],
    variants.map((v) => {
      const [id, variant] = v.id.split('@');
      const m = main.get(id);
      return [
        `(${id})`,
        variant,
        v.requestsPerSecond.toFixed(0),
        ms(v.p99Ms),
        micros(v.cpuMicrosPerRequest),
        m ? micros(m.cpuMicrosPerRequest) : '-',
        m ? `${v.cpuMicrosPerRequest >= m.cpuMicrosPerRequest ? '+' : ''}${micros(v.cpuMicrosPerRequest - m.cpuMicrosPerRequest)} µs` : '-',
        mb(v.peakRssBytes),
        m ? mb(m.peakRssBytes) : '-',
      ];
    }),
  );
}

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

function compareSection(input: ReportInput, targets: TargetResult[]): string {
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
  ];
  return lines.join('\n');
}

export function writeReport(input: ReportInput): Report {
  const { options, machine } = input;
  const byId = new Map(input.figures.map((f) => [f.id, f]));
  const services = input.figures.filter((f) => f.subject === 'service');
  const loops = input.figures.filter((f) => f.subject === 'sdk-loop');
  const targets = evaluateTargets(byId, input.compare);
  const targetTable = table(
    ['target', 'measured', 'verdict', 'note'],
    targets.map((t) => [t.target, t.measured, verdict(t.met), t.note ?? '']),
  );
  const notes = input.figures.filter((f) => f.note).map((f) => `- (${f.id}): ${f.note}`);
  if (input.servicePeakRssBytes !== undefined)
    notes.push(`- The service's peak RSS over its whole life in the main run, start-up included: ${mb(input.servicePeakRssBytes)} MB.`);

  const sections = [
    `## Targets (issue 14)\n\n${targetSummary(targets, input.compare)}\n\n${targetTable}`,
    compareSection(input, targets),
    services.length > 0
      ? `## Service scenarios (this bench's stack)\n\n${serviceTable(services)}`
      : "## Service scenarios (this bench's stack)\n\nNone run.",
    loops.length > 0 ? `## Bare SDK calls (h), same emulator, same concurrency\n\n${loopTable(loops, byId)}` : '',
  ].filter(Boolean);
  const summary = sections.join('\n\n');

  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const markdown = [
    '# Benchmarks',
    '',
    '_Generated by `npm run bench` (bench/run-bench.ts); do not edit by hand: edit `bench/FINDINGS.md` for the notes at the end._',
    '',
    `Run ${input.runId}, ${input.elapsedSeconds.toFixed(0)} s in all. ` +
      '**Figures are from a shared 2-core machine** (other jobs ran meanwhile); ' +
      'absolute figures vary from run to run, the targets compare ratios within one run (of this bench, or of compare.cjs).',
    '',
    table(
      ['machine', ''],
      [
        ['CPU', machine.cpuModel],
        ['cores', String(machine.cores)],
        ['memory', `${machine.memoryGiB} GiB`],
        ['Node.js', machine.node],
        ['OS', machine.os],
        ['load average (1 min) at start', String(machine.loadAverageAtStart)],
      ],
    ),
    '',
    `Command: \`${command}\` — ${options.durationSeconds} s measured after ${options.warmupSeconds} s of warm-up per scenario, ` +
      `${options.connections} connections (and SDK loop concurrency), emulator latency ${options.latencyMs} ms, ` +
      `service LOG_LEVEL=${options.logLevel}, ` +
      `${options.users} rotating users.`,
    '',
    ...sections.flatMap((section) => [section, '']),
    input.variantFigures.length > 0
      ? '## Variants: the same scenarios on a second service process with other settings\n\n' +
        `${variantTitles(input.variantFigures)}\n\n${variantTable(byId, input.variantFigures)}\n`
      : '',
    input.figures.length > 0 ? `## Where the CPU goes (µs per request)\n\n${machineShareTable(input.figures)}\n` : '',
    notes.length > 0 ? `Notes:\n\n${notes.join('\n')}\n` : '',
    existsSync(FINDINGS) ? readFileSync(FINDINGS, 'utf8') : '',
  ].join('\n');
  if (options.out) writeFileSync(isAbsolute(options.out) ? options.out : join(ROOT, options.out), `${markdown.trimEnd()}\n`);
  return { targets, summary };
}
