import { parseArgs } from 'node:util';

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
  /** Scenario ids to run (all when empty); targets whose inputs are missing are reported as not measured. */
  only: string[];
  /** Exit non-zero when a target is missed or a scenario got unexpected answers. */
  strict: boolean;
  /** Write a V8 CPU profile of the service (node --cpu-prof) into the run directory. */
  profile: boolean;
  /** Where the report goes; empty: no file. */
  out: string;
}

const HELP = `npm run bench -- [options]
  --duration <s>        measured seconds per scenario (default 10, env BENCH_DURATION)
  --warmup <s>          warm-up seconds per scenario (default 3, env BENCH_WARMUP)
  --connections <n>     concurrent connections / SDK loop concurrency (default 32, env BENCH_CONNECTIONS)
  --latency-ms <ms>     upstream latency added by the emulator (default 0, env BENCH_LATENCY_MS)
  --log-level <level>   service LOG_LEVEL (default info, env BENCH_LOG_LEVEL)
  --no-variants         skip the reruns of (a) and (e) with LOG_LEVEL=warn and with V8 heap limits
  --users <n>           users the upload scenarios rotate through (default 1000)
  --only <ids>          comma-separated scenario ids, e.g. a,e,h-aliyun
  --profile             write a CPU profile of the service (.bench/<run>/profiles)
  --out <file>          report file (default BENCHMARKS.md; "" for none)
  --strict              exit 1 when a target is missed or a scenario saw unexpected answers
Investigations (never in a reported run): BENCH_SERVICE_NODE_ARGS="--trace-gc ..." adds node options to
the service, BENCH_SERVICE_ENV='{"NAME":"value"}' adds variables to its environment, BENCH_SERVICE_MAIN=<main.js>
runs another build of the service (A/B comparisons).`;

function positive(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`);
  return value;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return undefined;
  }
  return {
    durationSeconds: positive('--duration', values.duration),
    warmupSeconds: positive('--warmup', values.warmup, true),
    connections: Math.round(positive('--connections', values.connections)),
    latencyMs: positive('--latency-ms', values['latency-ms'], true),
    logLevel: values['log-level'],
    variants: values.variants,
    users: Math.round(positive('--users', values.users)),
    only: values.only
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    strict: values.strict,
    profile: values.profile,
    out: values.out,
  };
}
