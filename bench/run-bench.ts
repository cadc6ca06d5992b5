/**
 * `npm run bench`: builds (nest build), then runs one service instance with Redis and the cloud
 * emulator, each its own process, driven by autocannon; the bare SDK calls in their own loop
 * process for comparison; then ../shared/perf/compare.cjs, the side-by-side run of the service with
 * a mainstream NestJS peer and a bare-Fastify floor (or its results from a file). Prints the figures
 * and writes BENCHMARKS.md. Exit 1 on a crash (or, with --strict, on a missed target or unexpected answers).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCompareResults } from './compare/compare-results';
import { type CompareOutcome, runCompare } from './compare/run-compare';
import { serviceScenarios } from './load/scenarios';
import { measureScenario } from './load/measure-scenario';
import { signTokens } from './load/tokens';
import { type BenchOptions, parseOptions, UsageError } from './options';
import { plan, stackStepIds } from './plan';
import { variants } from './variants';
import type { Figures } from './report/figures';
import { progressLine } from './report/format';
import { describeMachine } from './report/machine';
import { writeReport } from './report/write-report';
import { EMULATOR_MAIN, ROOT, SERVICE_MAIN } from './stack/paths';
import { startStack, type Stack } from './stack/stack';
import { trimRunDirectory } from './stack/trim-logs';

/** `nest build` with the Node that runs the bench: both apps into dist/ (tsconfig.build.json holds both). */
function build(): void {
  process.stdout.write('building: nest build\n');
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] });
  const built = spawnSync(process.execPath, [nest, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`nest build failed (${built.status ?? built.signal})`);
}

/** The side-by-side figures: read now from a file (an unreadable one stops the run before it starts), or later. */
function compareBeforeRun(options: BenchOptions): CompareOutcome | undefined {
  const { compare } = options;
  if (compare.mode === 'file') {
    try {
      return { measured: true, run: readCompareResults(compare.file), source: 'file' };
    } catch (error) {
      throw new UsageError(`--compare: ${(error as Error).message}`, { cause: error });
    }
  }
  if (compare.mode === 'skip') return { measured: false, reason: 'skipped (--no-compare)' };
  if (options.only.length > 0 && !options.only.includes('compare')) return { measured: false, reason: 'not run (--only without compare)' };
  return undefined;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (!options) return 0;
  let compare = compareBeforeRun(options);
  const stackSteps = stackStepIds(options.only);
  if (options.build) build();
  if (stackSteps.length > 0) {
    for (const built of [SERVICE_MAIN, EMULATOR_MAIN]) {
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run bench\` without --no-build, or \`npm run build\``);
    }
  }
  const runId = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const runDir = join(ROOT, '.bench', runId);
  mkdirSync(runDir, { recursive: true });
  const machine = describeMachine();
  const started = Date.now();
  process.stdout.write(`bench run ${runId}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; files in ${runDir}\n`);

  let stack: Stack | undefined;
  const interrupted = () => {
    process.stderr.write('interrupted: stopping the processes\n');
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const figures: Figures[] = [];
  const variantFigures: Figures[] = [];
  let servicePeakRssBytes: number | undefined;
  if (stackSteps.length > 0) {
    try {
      stack = await startStack({ runDir, latencyMs: options.latencyMs, logLevel: options.logLevel, profile: options.profile });
      const tokens = signTokens(stack.jwtSecret, options.users, runId);
      const scenarios = serviceScenarios(tokens, runId, stack.events);
      const measure = { connections: options.connections, warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds };
      for (const step of plan(stack, scenarios, measure, options.only)) {
        const result = await step.run();
        figures.push(result);
        process.stdout.write(`${progressLine(result)}\n`);
      }
      servicePeakRssBytes = stack.service.observePeakRss();

      for (const variant of options.variants ? variants(options) : []) {
        await stack.restartService(variant.id, { logLevel: variant.logLevel, nodeArgs: variant.nodeArgs });
        for (const scenario of scenarios.filter((candidate) => variant.scenarios.includes(candidate.id))) {
          const result = {
            ...(await measureScenario(stack, scenario, measure)),
            id: `${scenario.id}@${variant.id}`,
            title: `${scenario.title} [${variant.title}]`,
          };
          variantFigures.push(result);
          process.stdout.write(`${progressLine(result)}\n`);
        }
      }
    } finally {
      await stack?.stop();
    }
  }

  // After the bench's own processes are gone: the comparison needs the machine to itself too.
  let compareFiles: { markdown: string; log: string } | undefined;
  if (!compare && options.compare.mode === 'run') {
    process.stdout.write('side by side: ../shared/perf/compare.cjs\n');
    compare = await runCompare(options.compare.settings, runDir);
    compareFiles = { markdown: join(runDir, 'compare.md'), log: join(runDir, 'compare.log') };
    if (!compare.measured) process.stdout.write(`side by side not measured: ${compare.reason}\n`);
  }
  compare ??= { measured: false, reason: 'not run' };
  trimRunDirectory(runDir);

  writeFileSync(
    join(runDir, 'results.json'),
    JSON.stringify({ options, machine, figures, variantFigures, servicePeakRssBytes, compare }, null, 2),
  );
  const report = writeReport({
    options,
    machine,
    runId,
    figures,
    variantFigures,
    servicePeakRssBytes,
    compare,
    compareFiles: compare.measured && compare.source === 'run' ? compareFiles : undefined,
    elapsedSeconds: (Date.now() - started) / 1000,
  });
  process.stdout.write(`\n${report.summary}\n`);
  if (options.out) process.stdout.write(`\nreport written to ${options.out}\n`);
  const compareUnexpected =
    compare.measured &&
    Object.values(compare.run.checks).some((byTarget) => Object.values(byTarget).some((c) => c.unexpected > 0 || c.responses === 0));
  const failed =
    report.targets.some((target) => target.met === false) || figures.some((result) => result.unexpected > 0) || compareUnexpected;
  return options.strict && failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message} (npm run bench -- --help)\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
