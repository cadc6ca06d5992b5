import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CompareSettings } from './compare/run-compare';

export interface BenchOptions {
  /** Measured seconds per scenario. */
  durationSeconds: number;
  /** Unmeasured seconds per scenario before it, so JIT, pools and caches are warm. */
  warmupSeconds: number;
  /** autocannon connections, and the concurrency of the bare SDK loops. */
  connections: number;
  /** Latency the emulator adds to every cloud call. */
  latencyMs: number;
  /** The service's LOG_LEVEL for the main run. */
  logLevel: string;
  /** Also rerun (a) and (e) on a second service process with LOG_LEVEL=warn, and with V8 heap limits (variants.ts). */
  variants: boolean;
  /** Distinct users the upload scenarios rotate through. */
  users: number;
  /** Steps to run (STEP_IDS; all when empty); targets whose inputs are missing are reported as not measured. */
  only: string[];
  /** Exit non-zero when a target is missed or a scenario got unexpected answers. */
  strict: boolean;
  /** Write a V8 CPU profile of the service (node --cpu-prof) into the run directory. */
  profile: boolean;
  /** Where the report goes; empty: no file. */
  out: string;
  /** Run `nest build` first (the service and the emulator run from dist/). */
  build: boolean;
  /**
   * The side-by-side figures of the targets: `run` ../shared/perf/compare.cjs after the
   * bench's own scenarios (when it is there), read an existing results `file`, or `skip` them.
   */
  compare: { mode: 'run'; settings: CompareSettings } | { mode: 'file'; file: string } | { mode: 'skip' };
}

/** The steps of a run in their order: the service scenarios, the bare SDK loops, the side-by-side comparison. */
export const STEP_IDS = ['a', 'b', 'c', 'd', 'e', 'h-aliyun', 'f', 'g', 'h-tencent', 'i', 'j', 'k', 'compare'] as const;
const STEPS = STEP_IDS.join(',');

const HELP = `npm run bench -- [options]
Builds (nest build), then runs the service, Redis and the cloud emulator as processes, drives the scenarios,
runs the bare SDK loops, then the side-by-side comparison, and writes the report.
  --duration <s>        measured seconds per scenario (default 10, env BENCH_DURATION)
  --warmup <s>          warm-up seconds per scenario (default 3, env BENCH_WARMUP)
  --connections <n>     concurrent connections / SDK loop concurrency (default 32, env BENCH_CONNECTIONS)
  --latency-ms <ms>     upstream latency added by the emulator (default 0, env BENCH_LATENCY_MS)
  --log-level <level>   service LOG_LEVEL (default info, env BENCH_LOG_LEVEL)
  --no-variants         skip the reruns of (a) and (e) with LOG_LEVEL=warn and with V8 heap limits
  --users <n>           users the upload scenarios rotate through (default 1000)
  --only <steps>        comma-separated steps to run, in this order: ${STEPS}
                        (a)-(g) and (i) status read, (j) Tencent event, (k) Alibaba VOD callback against the
                        service; h-aliyun, h-tencent the bare SDK loops; compare the side-by-side run
  --profile             write a CPU profile of the service (.bench/<run>/profiles)
  --out <file>          report file (default BENCHMARKS.md; "" for none)
  --strict              exit 1 when a target is missed or a scenario saw unexpected answers
  --no-build            skip \`nest build\` (dist/ must be there and current)
Side by side with peer-nest and floor (the issue's req/s and peak RSS targets), after the bench's own steps:
  (default)             run ../shared/perf/compare.cjs on this checkout's build when that directory is there
                        (about 8 minutes at its defaults: 3 rounds x 10 s, 32 connections, where the targets are defined)
  --compare <file>      read an existing compare.cjs results file instead (../shared/perf/results/compare-*.json)
  --no-compare          neither: those targets are reported as not measured
  --compare-rounds <n>       compare.cjs ROUNDS (default its own: 3)
  --compare-duration <s>     compare.cjs DURATION (default its own: 10)
  --compare-connections <n>  compare.cjs CONNECTIONS (default its own: 32)
Investigations (never in a reported run; the bench's own service only, not compare.cjs's):
BENCH_SERVICE_NODE_ARGS="--trace-gc ..." adds node options to the service, BENCH_SERVICE_ENV='{"NAME":"value"}' adds
variables to its environment, BENCH_SERVICE_MAIN=<main.js> runs another build of the service (A/B comparisons).`;

/** A wrong option: reported as such (with a pointer to --help), without a stack trace. */
export class UsageError extends Error {}

function positive(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`);
  return value;
}

function optionalCount(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = positive(name, raw);
  if (!Number.isInteger(value)) throw new UsageError(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** parseArgs' own refusals (an unknown option, a missing value) are usage errors too. */
function parseUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | undefined {
  // --no-compare by hand: parseArgs negates boolean options only, and --compare takes a file.
  const noCompare = argv.includes('--no-compare');
  const { values } = parseUsage(() =>
    parseArgs({
      args: argv.filter((arg) => arg !== '--no-compare'),
      allowNegative: true,
      options: {
        duration: { type: 'string', default: env.BENCH_DURATION ?? '10' },
        warmup: { type: 'string', default: env.BENCH_WARMUP ?? '3' },
        connections: { type: 'string', default: env.BENCH_CONNECTIONS ?? '32' },
        'latency-ms': { type: 'string', default: env.BENCH_LATENCY_MS ?? '0' },
        'log-level': { type: 'string', default: env.BENCH_LOG_LEVEL ?? 'info' },
        variants: { type: 'boolean', default: true },
        users: { type: 'string', default: '1000' },
        only: { type: 'string', default: '' },
        profile: { type: 'boolean', default: false },
        out: { type: 'string', default: 'BENCHMARKS.md' },
        strict: { type: 'boolean', default: false },
        build: { type: 'boolean', default: true },
        compare: { type: 'string' },
        'compare-rounds': { type: 'string' },
        'compare-duration': { type: 'string' },
        'compare-connections': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }),
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return undefined;
  }
  const only = values.only
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = only.filter((id) => !(STEP_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new UsageError(`--only: unknown steps ${unknown.join(', ')} (known: ${STEPS})`);
  const settings: CompareSettings = {
    rounds: optionalCount('--compare-rounds', values['compare-rounds']),
    durationSeconds: optionalCount('--compare-duration', values['compare-duration']),
    connections: optionalCount('--compare-connections', values['compare-connections']),
  };
  if (noCompare && values.compare !== undefined) throw new UsageError('--compare <file> and --no-compare exclude each other');
  if ((noCompare || values.compare !== undefined) && Object.values(settings).some((value) => value !== undefined))
    throw new UsageError('--compare-rounds, --compare-duration and --compare-connections are for a compare.cjs run of the bench');
  const compare: BenchOptions['compare'] = noCompare
    ? { mode: 'skip' }
    : values.compare !== undefined
      ? // npm runs scripts in the package's directory; a relative file is meant from where npm was run (INIT_CWD).
        { mode: 'file', file: resolve(env.INIT_CWD ?? process.cwd(), values.compare) }
      : { mode: 'run', settings };
  return {
    durationSeconds: positive('--duration', values.duration),
    warmupSeconds: positive('--warmup', values.warmup, true),
    connections: Math.round(positive('--connections', values.connections)),
    latencyMs: positive('--latency-ms', values['latency-ms'], true),
    logLevel: values['log-level'],
    variants: values.variants,
    users: Math.round(positive('--users', values.users)),
    only,
    strict: values.strict,
    profile: values.profile,
    out: values.out,
    build: values.build,
    compare,
  };
}
