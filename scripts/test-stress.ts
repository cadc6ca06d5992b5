/**
 * `npm run test:stress`: the whole `npm test`, three times in a row (or `--runs N`), beside a busy loop
 * on every core, as a shared CI machine may be. A suite that passes here does not fail at random.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');

/** One process per core spinning forever: the load. Killed however this script ends. */
const load: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopLoad = () => load.forEach((child) => child.kill('SIGKILL'));
process.once('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function npmTest(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['test'], { stdio: 'inherit' });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const results: { run: number; code: number; seconds: number }[] = [];
  for (let run = 1; run <= runs; run++) {
    process.stdout.write(`\ntest:stress: run ${run} of ${runs}, beside ${load.length} busy loops\n`);
    const started = Date.now();
    const code = await npmTest();
    results.push({ run, code, seconds: Math.round((Date.now() - started) / 1000) });
  }
  stopLoad();
  process.stdout.write('\ntest:stress: run, result, seconds\n');
  for (const { run, code, seconds } of results)
    process.stdout.write(`  ${run}  ${code === 0 ? 'passed' : `FAILED (${code})`}  ${seconds} s\n`);
  process.exitCode = results.every((result) => result.code === 0) ? 0 : 1;
}

void main();
