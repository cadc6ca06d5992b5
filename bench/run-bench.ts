/**
 * `npm run bench`: one service instance with Redis and the cloud emulator, each its own process,
 * driven by autocannon; the bare SDK calls in their own loop process for comparison. Prints the
 * figures and writes BENCHMARKS.md. Exit 1 on a crash (or, with --strict, on a missed target).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceScenarios } from './load/scenarios';
import { measureScenario } from './load/measure-scenario';
import { signTokens } from './load/tokens';
import { parseOptions } from './options';
import { plan } from './plan';
import { variants } from './variants';
import type { Figures } from './report/figures';
import { progressLine } from './report/format';
import { describeMachine } from './report/machine';
import { writeReport } from './report/write-report';
import { EMULATOR_MAIN, ROOT, SERVICE_MAIN } from './stack/paths';
import { startStack, type Stack } from './stack/stack';
import { trimRunDirectory } from './stack/trim-logs';

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (!options) return 0;
  for (const built of [SERVICE_MAIN, EMULATOR_MAIN]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run bench\` (it builds first) or \`npm run build\``);
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
  try {
    stack = await startStack({ runDir, latencyMs: options.latencyMs, logLevel: options.logLevel, profile: options.profile });
    const tokens = signTokens(stack.jwtSecret, options.users, runId);
    const scenarios = serviceScenarios(tokens, runId);
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
  trimRunDirectory(runDir);

  writeFileSync(join(runDir, 'results.json'), JSON.stringify({ options, machine, figures, variantFigures, servicePeakRssBytes }, null, 2));
  const report = writeReport({
    options,
    machine,
    runId,
    figures,
    variantFigures,
    servicePeakRssBytes,
    elapsedSeconds: (Date.now() - started) / 1000,
  });
  process.stdout.write(`\n${report.summary}\n`);
  if (options.out) process.stdout.write(`\nreport written to ${options.out}\n`);
  const failed = report.targets.some((target) => target.met === false) || figures.some((result) => result.unexpected > 0);
  return options.strict && failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
