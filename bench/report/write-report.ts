import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { departuresFromDefaults } from '../compare/compare-results';
import type { CompareOutcome } from '../compare/run-compare';
import { ROOT } from '../stack/paths';
import { compareSection, verdict } from './compare-section';
import type { Figures } from './figures';
import { mb, micros, ms, table } from './format';
import type { Report, ReportInput } from './report-input';
import { evaluateTargets, type TargetResult } from './targets';

export type { Report, ReportInput };

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
    `## Targets (issue 23)\n\n${targetSummary(targets, input.compare)}\n\n${targetTable}`,
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
